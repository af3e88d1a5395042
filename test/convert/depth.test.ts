/**
 * Nesting a person controls never overflows the stack. Every converter takes input nested up to
 * 10,000 levels (BBCode tags, HTML elements, ADF from Jira), answers with valid ADF or markup, and keeps the text.
 */
import fc from 'fast-check';
import type { AdfNode } from '../../src/core/adf';
import { adfPlainText, adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf, type AdfDoc } from '../../src/core/convert';
import { bbcodeToHast } from '../../src/core/convert/bbcode/bbcode-to-hast';
import { MAX_HAST_DEPTH } from '../../src/core/convert/depth';
import { adfToBbcodeString } from '../../src/core/convert/from-adf/to-bbcode';
import type { Root, RootContent } from '../../src/core/convert/hast';
import { validateAdf } from '../../src/local/adf-validator';

const RUNS = { seed: 10_004, numRuns: 25 };
const depth = fc.integer({ min: 1, max: 10_000 });

/** Depth of an ADF tree, counted without recursion (the thing under test must not be needed to measure it). */
function adfDepth(doc: AdfDoc): number {
  let max = 0;
  const stack: [AdfNode, number][] = doc.content.map((n) => [n, 1]);
  while (stack.length > 0) {
    const [node, d] = stack.pop() as [AdfNode, number];
    max = Math.max(max, d);
    for (const child of node.content ?? []) stack.push([child, d + 1]);
  }
  return max;
}

const BB_WRAPPERS: [string, string][] = [
  ['[B]', '[/B]'],
  ['[QUOTE]', '[/QUOTE]'],
  ['[LIST][*]', '[/LIST]'],
  ['[URL=https://example.com/a]', '[/URL]'],
  ['[I]', '[/I]'],
  ['[TABLE][TR][TD]', '[/TD][/TR][/TABLE]'],
];
const HTML_WRAPPERS: [string, string][] = [
  ['<b>', '</b>'],
  ['<blockquote>', '</blockquote>'],
  ['<ul><li>', '</li></ul>'],
  ['<div>', '</div>'],
  ['<a href="https://example.com/">', '</a>'],
  ['<span>', '</span>'],
];

const nested = (wrappers: [string, string][]) =>
  fc
    .record({
      levels: depth,
      kinds: fc.array(fc.integer({ min: 0, max: wrappers.length - 1 }), { minLength: 1, maxLength: 4 }),
      closed: fc.boolean(),
    })
    .map(({ levels, kinds, closed }) => {
      const chosen = Array.from(
        { length: levels },
        (_, i) => wrappers[kinds[i % kinds.length] as number] as [string, string],
      );
      return `${chosen.map(([open]) => open).join('')}deepword${
        closed
          ? chosen
              .reverse()
              .map(([, close]) => close)
              .join('')
          : ''
      } tailword`;
    });

function adfNested(levels: number, kind: 'list' | 'quote' | 'panel' | 'mixed'): AdfDoc {
  let node: AdfNode = { type: 'paragraph', content: [{ type: 'text', text: 'deepword' }] };
  for (let i = 0; i < levels; i++) {
    const k = kind === 'mixed' ? (['list', 'quote', 'panel'] as const)[i % 3] : kind;
    if (k === 'list') node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] };
    else if (k === 'quote') node = { type: 'blockquote', content: [node] };
    else node = { type: 'panel', attrs: { panelType: 'info' }, content: [node] };
  }
  return {
    type: 'doc',
    version: 1,
    content: [node, { type: 'paragraph', content: [{ type: 'text', text: 'tailword' }] }],
  };
}

describe('deeply nested BBCode', () => {
  it('converts to valid, shallow ADF that keeps its words, at any depth up to 10,000', () => {
    fc.assert(
      fc.property(nested(BB_WRAPPERS), (bbcode) => {
        const result = bbcodeToAdf(bbcode);
        expect(validateAdf(result)).toEqual([]);
        expect(adfDepth(result)).toBeLessThanOrEqual(60);
        expect(adfPlainText(result)).toMatch(/deepword[\s\S]*tailword/);
      }),
      RUNS,
    );
  });

  it('takes linear time: 10,000 [QUOTE]s each holding 10,000 unclosed [B]s are not reopened ten thousand times', () => {
    const bbcode = `${'[QUOTE]'.repeat(100)}${'[B]'.repeat(10_000)}x${'[/QUOTE]'.repeat(100)}${'[QUOTE]y[/QUOTE]'.repeat(5_000)}`;
    const started = process.hrtime.bigint();
    const result = bbcodeToAdf(bbcode);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
    expect(adfPlainText(result)).toContain('x');
  });

  it('keeps at most MAX_HAST_DEPTH tags open while building the tree, whatever the input', () => {
    fc.assert(
      fc.property(nested(BB_WRAPPERS), (bbcode) => {
        let max = 0;
        const stack: [Root | RootContent, number][] = [[bbcodeToHast(bbcode), 0]];
        while (stack.length > 0) {
          const [node, d] = stack.pop() as [Root | RootContent, number];
          max = Math.max(max, d);
          if ('children' in node) for (const child of node.children) stack.push([child, d + 1]);
        }
        // Elements and their text: the cap plus the text leaf.
        expect(max).toBeLessThanOrEqual(MAX_HAST_DEPTH + 1);
      }),
      RUNS,
    );
  });

  it('keeps formatting intact below the cap, so ordinary documents are unchanged', () => {
    const bbcode = `${'[QUOTE]'.repeat(3)}[B]word[/B]${'[/QUOTE]'.repeat(3)}`;
    expect(JSON.stringify(bbcodeToAdf(bbcode))).toBe(
      JSON.stringify({
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'blockquote',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'word', marks: [{ type: 'strong' }] }] }],
          },
        ],
      }),
    );
  });
});

describe('deeply nested HTML', () => {
  it('converts to valid, shallow ADF that keeps its words, at any depth up to 10,000', () => {
    fc.assert(
      fc.property(nested(HTML_WRAPPERS), (html) => {
        const result = htmlToAdf(html);
        expect(validateAdf(result)).toEqual([]);
        expect(adfDepth(result)).toBeLessThanOrEqual(60);
        expect(adfPlainText(result)).toMatch(/deepword[\s\S]*tailword/);
      }),
      RUNS,
    );
  });
});

describe('deeply nested ADF from Jira', () => {
  it('writes BBCode, HTML and plain text that keep every word, at any depth up to 10,000', () => {
    fc.assert(
      fc.property(
        depth,
        fc.constantFrom<'list' | 'quote' | 'panel' | 'mixed'>('list', 'quote', 'panel', 'mixed'),
        (levels, kind) => {
          const doc = adfNested(levels, kind);
          expect(adfToBbcode(doc)).toMatch(/deepword[\s\S]*tailword/);
          expect(adfToHtml(doc)).toMatch(/deepword[\s\S]*tailword/);
          expect(adfPlainText(doc)).toMatch(/deepword[\s\S]*tailword/);
          // What Bitrix24 receives reads back as valid ADF: the round trip is bounded too.
          expect(validateAdf(bbcodeToAdf(adfToBbcode(doc)))).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('keeps every item of a deep list as text beyond the cap', () => {
    let node: AdfNode = { type: 'paragraph', content: [{ type: 'text', text: 'level-bottom' }] };
    for (let i = 0; i < 200; i++)
      node = {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `item${i}` }] }, node] },
        ],
      };
    const bbcode = adfToBbcode({ type: 'doc', version: 1, content: [node] });
    for (let i = 0; i < 200; i++) expect(bbcode).toContain(`item${i}`);
    expect(bbcode).toContain('level-bottom');
  });

  it('leaves shallow documents exactly as before (the cap is not a rewrite)', () => {
    const doc = adfNested(20, 'mixed');
    expect(adfToBbcode(doc)).toBe(adfToBbcodeString(doc));
  });
});
