/**
 * Random ADF documents limited to what wiki markup expresses, already in the form the wiki reader produces (marks
 * in canonical order, equal neighbours merged, no edge spaces), so a round trip must give them back exactly.
 */
import fc from 'fast-check';
import type { AdfDoc, AdfMark, AdfNode } from '../../src/core/adf';
import type { AdfToWikiOptions, WikiToAdfOptions } from '../../src/core/convert';
import { sameMarks, sortMarks } from '../../src/core/convert/to-adf/marks';
import { listsOf } from './builders';

/** Every character that means something in wiki markup, plus letters, digits and spaces around them. */
export const MARKUP_CHARS = '*_-+^~?{}[]|!#\\';
const TRICKY = [...MARKUP_CHARS, ':', ';', '(', ')', '&', '.', '/'];
const wikiChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'я', '1', ' ') },
  fc.constantFrom(...TRICKY),
);
const trickyWord = fc.constantFrom(
  ':)',
  '(y)',
  'https://x.example/a',
  '&#92;',
  '----',
  'h1.',
  'bq.',
  '{{x}}',
  '{code}',
  '\\\\',
  '[~x]',
  '!a!',
  '--',
  '# 1',
);
const plainWord = fc.stringMatching(/^[a-zа-я0-9]{1,6}$/);

/** Text with no leading or trailing space (paragraph edges are trimmed by every reader). */
export const markupText = fc
  .array(fc.oneof(wikiChar, trickyWord, plainWord), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join('').trim().replace(/\s+/g, ' '))
  .filter((s) => s !== '');

const palette = fc.constantFrom('#bf2600', '#0747a6', '#36b37e', '#172b4d');
const formatMark: fc.Arbitrary<AdfMark> = fc.oneof(
  fc.constantFrom<AdfMark>(
    { type: 'strong' },
    { type: 'em' },
    { type: 'underline' },
    { type: 'strike' },
    { type: 'subsup', attrs: { type: 'sub' } },
    { type: 'subsup', attrs: { type: 'sup' } },
  ),
  palette.map((color): AdfMark => ({ type: 'textColor', attrs: { color } })),
  plainWord.map((w): AdfMark => ({ type: 'link', attrs: { href: `https://example.com/${w}` } })),
);
const marks = fc.oneof(
  { weight: 5, arbitrary: fc.uniqueArray(formatMark, { maxLength: 3, selector: (m) => m.type }) },
  fc
    .boolean()
    .map((withLink): AdfMark[] => [
      { type: 'code' },
      ...(withLink ? [{ type: 'link', attrs: { href: 'https://example.com/c' } }] : []),
    ]),
);

const text = (value: string, ms: readonly AdfMark[] = []): AdfNode =>
  ms.length > 0 ? { type: 'text', text: value, marks: sortMarks(ms) } : { type: 'text', text: value };

const run = fc.tuple(fc.oneof(markupText, plainWord), marks).map(([t, ms]) => text(t, ms));
const mention = plainWord.map((w): AdfNode => ({ type: 'mention', attrs: { id: `acc-${w}`, text: `@${w}` } }));
const emoji = fc.constantFrom<AdfNode>(
  { type: 'emoji', attrs: { shortName: ':slight_smile:', id: '1f642', text: '🙂' } },
  { type: 'emoji', attrs: { shortName: ':warning:', id: 'atlassian-warning', text: '⚠️' } },
  { type: 'emoji', attrs: { shortName: ':thumbsup:', id: '1f44d', text: '👍' } },
);
const item = fc.oneof({ weight: 6, arbitrary: run }, mention, emoji);

/** Adjacent text with equal marks merged, as every reader leaves it. */
function merged(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && node.type === 'text' && sameMarks(prev.marks, node.marks))
      out[out.length - 1] = { ...prev, text: `${prev.text ?? ''}${node.text ?? ''}` };
    else out.push(node);
  }
  return out;
}

/** Items of a line, separated by a space or (text next to text) nothing. */
const line = fc.array(fc.tuple(item, fc.boolean()), { minLength: 1, maxLength: 3 }).map((items) =>
  items.flatMap(([node, spaced], i) => {
    const prev = items[i - 1]?.[0];
    const glued = !spaced && prev?.type === 'text' && node.type === 'text';
    return i === 0 || glued ? [node] : [text(' '), node];
  }),
);
export const inline = fc
  .array(line, { minLength: 1, maxLength: 2 })
  .map((lines) => merged(lines.flatMap((l, i) => (i === 0 ? l : [{ type: 'hardBreak' }, ...l]))));

const paragraph = inline.map((content): AdfNode => ({ type: 'paragraph', content }));
const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), inline)
  .map(([level, content]): AdfNode => ({ type: 'heading', attrs: { level }, content }));

const list = listsOf(paragraph);

const codeLine = fc
  .array(fc.oneof(wikiChar, plainWord, fc.constantFrom('{noformat}', '*x*', '  ')), { minLength: 1, maxLength: 8 })
  .map((p) => p.join(''));
const codeBlock = fc
  .tuple(fc.array(codeLine, { minLength: 1, maxLength: 4 }), fc.constantFrom('java', 'sql', undefined))
  .map(([lines, language]): AdfNode => ({
    type: 'codeBlock',
    ...(language ? { attrs: { language } } : {}),
    content: [text(lines.join('\n'))],
  }))
  .filter((node) => !/^\s*\n|\n\s*$|\{code\}/i.test(node.content?.[0]?.text ?? ''));
const blockquote = fc
  .array(fc.oneof(paragraph, list(2)), { minLength: 1, maxLength: 3 })
  .map((content): AdfNode => ({ type: 'blockquote', content }));
const panel = fc
  .array(fc.oneof(paragraph, heading, list(2)), { minLength: 1, maxLength: 3 })
  .map((content): AdfNode => ({ type: 'panel', attrs: { panelType: 'info' }, content }));
const table = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).chain(([cols, header]) =>
  fc
    .array(fc.array(paragraph, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 })
    .map((rows): AdfNode => ({
      type: 'table',
      content: rows.map((cells, r) => ({
        type: 'tableRow',
        content: cells.map((c) => ({ type: header && r === 0 ? 'tableHeader' : 'tableCell', content: [c] })),
      })),
    })),
);
const image = plainWord.map((w): AdfNode => ({
  type: 'mediaSingle',
  attrs: { layout: 'center' },
  content: [{ type: 'media', attrs: { type: 'external', url: `https://img.example/${w}.png` } }],
}));
const file = plainWord.map((w): AdfNode => ({
  type: 'mediaSingle',
  attrs: { layout: 'center' },
  content: [{ type: 'media', attrs: { type: 'file', id: `f-${w}`, collection: 'att', alt: `${w}.png` } }],
}));

export const wikiExpressibleAdf: fc.Arbitrary<AdfDoc> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: paragraph },
      heading,
      list(2),
      codeBlock,
      blockquote,
      panel,
      table,
      image,
      file,
      fc.constant<AdfNode>({ type: 'rule' }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((content) => ({ type: 'doc', version: 1, content }));

/** The people and files of the generated documents, both ways. */
export const propertyIn: WikiToAdfOptions = {
  mention: (name) => ({ id: `acc-${name}`, text: `@${name}` }),
  attachment: (name) => ({ type: 'file', id: `f-${name.replace(/\.png$/, '')}`, collection: 'att' }),
};
export const propertyOut: AdfToWikiOptions = {
  mention: (person) => person.id.replace(/^acc-/, ''),
  attachment: (media) => media.alt,
};

/** Anything at all, biased towards wiki's special characters and constructs. */
export const wikiGarbage = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '*',
        '_',
        '-',
        '+',
        '^',
        '~',
        '??',
        '{{',
        '}}',
        '[',
        ']',
        '|',
        '||',
        '!',
        '\\',
        '\\\\',
        '\n',
        '\n\n',
        '{code}',
        '{code:java}',
        '{noformat}',
        '{quote}',
        '{panel:title=t}',
        '{panel}',
        '{color:red}',
        '{color}',
        'h1. ',
        'bq. ',
        '* ',
        '# ',
        '** ',
        '----',
        '[~x]',
        '[^f.pdf]',
        '!f.png!',
        '[a|https://x.example]',
        '[a|javascript:x]',
        ':)',
        '(y)',
        '{*}',
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
