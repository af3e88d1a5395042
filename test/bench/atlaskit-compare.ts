/**
 * Our `htmlToAdf` next to Atlassian's own editor parser on the same HTML: ProseMirror's
 * `DOMParser.fromSchema(defaultSchema)` over a jsdom document, encoded with `JSONTransformer`. Used by
 * convert.bench.ts (not a jest test): it reports the time ratio and which golden fixtures differ in
 * structure (the tree of node types). Each differing fixture explains why in its NOTES.md.
 */
import { createRequire } from 'module';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { defaultSchema } from '@atlaskit/adf-schema/schema-default';
import { DOMParser } from '@atlaskit/editor-prosemirror/model';
import { JSONTransformer } from '@atlaskit/editor-json-transformer';
import { htmlToAdf } from '../../src/core/convert';
import { structureOf } from '../support/adf-structure';

const FIXTURES = join(__dirname, '..', 'fixtures', 'convert');

/** jsdom ships no types and @types/jsdom is not installed: load it untyped and check the one member we use. */
interface JsdomWindow {
  readonly document: Document;
}
type JsdomClass = new (html: string) => { readonly window: JsdomWindow };

function loadJsdom(): JsdomClass {
  const mod: unknown = createRequire(__filename)('jsdom');
  const ctor: unknown = typeof mod === 'object' && mod !== null && 'JSDOM' in mod ? mod.JSDOM : undefined;
  if (typeof ctor !== 'function') throw new Error('jsdom has no JSDOM export');
  return ctor as JsdomClass;
}

const JSDOM = loadJsdom();
const document = new JSDOM('<!doctype html><html><body></body></html>').window.document;
const parser = DOMParser.fromSchema(defaultSchema);
const transformer = new JSONTransformer(defaultSchema);

/** Atlassian's editor path: the browser's parser (here jsdom) builds the DOM, ProseMirror reads it. */
export function atlaskitHtmlToAdf(html: string): unknown {
  const host = document.createElement('div');
  host.innerHTML = html;
  return transformer.encode(parser.parse(host));
}

export interface FixtureComparison {
  readonly name: string;
  readonly same: boolean;
  readonly ours: string;
  readonly theirs: string;
  readonly noted: boolean;
}

export function htmlFixtures(): { name: string; html: string; dir: string }[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'input.html')))
    .map((d) => ({
      name: d.name,
      dir: join(FIXTURES, d.name),
      html: readFileSync(join(FIXTURES, d.name, 'input.html'), 'utf8'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function compareFixtures(): FixtureComparison[] {
  return htmlFixtures().map(({ name, html, dir }) => {
    const ours = structureOf(htmlToAdf(html));
    const theirs = structureOf(atlaskitHtmlToAdf(html));
    return { name, same: ours === theirs, ours, theirs, noted: existsSync(join(dir, 'NOTES.md')) };
  });
}
