/**
 * Atlassian's own wiki parser (`@atlaskit/editor-wikimarkup-transformer`, a devDependency used only here and in
 * the bench) as an oracle for ours: the same input through both, compared as node-type trees.
 */
import { JSONTransformer } from '@atlaskit/editor-json-transformer';
import { WikiMarkupTransformer } from '@atlaskit/editor-wikimarkup-transformer';
import { structureOf } from '../support/adf-structure';

const wiki = new WikiMarkupTransformer();
const json = new JSONTransformer();

/** Atlassian's ADF for `input`, with `[~jsmith]` resolved as the tests' directory resolves it. */
export function atlassianWikiToAdf(input: string): unknown {
  return json.encode(wiki.parse(input, { conversion: { mentionConversion: { jsmith: '5b10a2844c20165700ede21g' } } }));
}

/** The node-type tree the oracle compares: blank paragraphs, which Atlassian's parser leaves around macros, count as none. */
export const wikiStructureOf = (node: unknown): string => structureOf(node, { ignoreBlankParagraphs: true });

/** Atlassian's encoder: ADF → wiki markup. */
export function atlassianAdfToWiki(doc: unknown): string {
  return wiki.encode(json.parse(doc as Parameters<JSONTransformer['parse']>[0]));
}
