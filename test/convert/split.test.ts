/** A document too long for one Jira comment is split into parts that each fit and together hold all of it. */
import type { AdfDoc } from '../../src/core/adf';
import { adfPlainText, splitDoc } from '../../src/core/convert';
import { commentParts } from '../../src/core/sync/comments';
import { validateAdf } from '../../src/local/adf-validator';
import { doc, p, strong, text } from './builders';

const size = (d: AdfDoc): number => JSON.stringify(d).length;
const textOf = (parts: AdfDoc[]): string =>
  parts.map((d) => d.content.map((b) => adfPlainText({ ...d, content: [b] })).join('\n')).join('\n');

describe('splitDoc', () => {
  it('gives a document that fits back as itself', () => {
    const small = doc(p(text('short')));
    expect(splitDoc(small, 1000)).toEqual([small]);
  });

  it('packs whole blocks in order, each part within the limit', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => p(text(`Block ${i} `.repeat(20), strong)));
    const parts = splitDoc(doc(...blocks), 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(size(part)).toBeLessThanOrEqual(2000);
    expect(parts.flatMap((d) => d.content)).toEqual(blocks);
  });

  it('splits one long paragraph inside its text, keeping marks, at a space, losing nothing', () => {
    const long = 'word '.repeat(3000).trim();
    const parts = splitDoc(doc(p(text(long, strong))), 3000, 100);
    for (const part of parts) {
      expect(size(part)).toBeLessThanOrEqual(2900);
      expect(validateAdf(part)).toEqual([]);
      expect(part.content[0]?.content?.[0]?.marks).toEqual([strong]);
    }
    expect(parts.map((d) => adfPlainText(d)).join('')).toBe(long);
    expect(parts.slice(0, -1).every((d) => adfPlainText(d).endsWith(' '))).toBe(true);
  });

  it('never cuts a surrogate pair', () => {
    const parts = splitDoc(doc(p(text('🚀'.repeat(5000)))), 1001);
    for (const part of parts) expect(adfPlainText(part)).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    expect(parts.map((d) => adfPlainText(d)).join('')).toBe('🚀'.repeat(5000));
  });

  it('keeps the text of a block it cannot split by structure (a huge list)', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ type: 'listItem', content: [p(text(`item ${i}`))] }));
    const parts = splitDoc(doc({ type: 'bulletList', content: items }), 2000);
    expect(textOf(parts).replace(/\s+/g, '')).toBe(
      items
        .map((_, i) => `item ${i}`)
        .join('')
        .replace(/\s+/g, ''),
    );
  });
});

describe('commentParts', () => {
  it("labels each part with the author and its number, within Jira's limit", () => {
    const parts = commentParts(doc(p(text('x'.repeat(70_000)))), 'Ben Carter', 'b24');
    expect(parts).toHaveLength(3);
    parts.forEach((part, i) => {
      expect(size(part)).toBeLessThanOrEqual(32_767);
      expect(adfPlainText(part).startsWith(`Ben Carter (Bitrix24): ${i + 1}/3 `)).toBe(true);
    });
  });

  it('posts a comment that fits as one, labelled as before', () => {
    expect(commentParts(doc(p(text('hi'))), 'Ben', 'b24')).toEqual([
      doc(p(text('Ben (Bitrix24): ', strong), text('hi'))),
    ]);
  });
});
