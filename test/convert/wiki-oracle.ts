/**
 * Atlassian's own wiki parser (`@atlaskit/editor-wikimarkup-transformer`, a devDependency used only here and in
 * the bench) as an oracle for ours: the same input through both, compared as node-type trees.
 */
import { JSONTransformer } from '@atlaskit/editor-json-transformer';
import { WikiMarkupTransformer } from '@atlaskit/editor-wikimarkup-transformer';

const wiki = new WikiMarkupTransformer();
const json = new JSONTransformer();

/** Atlassian's ADF for `input`, with `[~jsmith]` resolved as the tests' directory resolves it. */
export function atlassianWikiToAdf(input: string): unknown {
  return json.encode(wiki.parse(input, { conversion: { mentionConversion: { jsmith: '5b10a2844c20165700ede21g' } } }));
}

interface TypedNode { readonly type: string; readonly content?: readonly TypedNode[] }

function isTypedNode(value: unknown): value is TypedNode {
  if (typeof value !== 'object' || value === null || !('type' in value) || typeof value.type !== 'string') return false;
  return !('content' in value) || (Array.isArray(value.content) && value.content.every(isTypedNode));
}

/**
 * The node-type tree, e.g. `doc(paragraph(text),rule)`. Runs of text collapse to one `text` (how a line is split
 * by marks is formatting, not structure), and a paragraph holding nothing but spaces counts as none.
 */
export function structureOf(node: unknown): string {
  if (!isTypedNode(node)) return '?';
  const children = (node.content ?? [])
    .filter((c) => !(c.type === 'paragraph' && (c.content ?? []).every((t) => 'text' in t && typeof t.text === 'string' && t.text.trim() === '')))
    .map(structureOf)
    .filter((s, i, all) => !(s === 'text' && all[i - 1] === 'text'));
  return children.length > 0 ? `${node.type}(${children.join(',')})` : node.type;
}

/** Atlassian's encoder: ADF → wiki markup. */
export function atlassianAdfToWiki(doc: unknown): string {
  return wiki.encode(json.parse(doc as Parameters<JSONTransformer['parse']>[0]));
}
