/**
 * Guarantee 6 at its edge: truncateDoc measures the stored document block by block (so a 1 MB input is never
 * serialised whole), and must still cut exactly when the whole document's JSON is longer than the limit.
 */
import fc from 'fast-check';
import type { AdfDoc } from '../../src/core/convert';
import { truncateDoc } from '../../src/core/convert/to-adf/truncate';

const size = (value: unknown): number => JSON.stringify(value).length;

const docOf = (texts: readonly string[]): AdfDoc => ({
  type: 'doc',
  version: 1,
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

describe('truncateDoc at the limit', () => {
  it('keeps a document whose JSON is exactly the limit and cuts one a character longer', () => {
    const doc = docOf(['alpha', 'beta']);
    expect(truncateDoc(doc, size(doc))).toBe(doc);
    expect(truncateDoc(doc, size(doc) - 1)).not.toBe(doc);
  });

  it('treats an empty document like any other', () => {
    const doc = docOf([]);
    expect(truncateDoc(doc, size(doc))).toBe(doc);
    expect(truncateDoc(doc, size(doc) - 1)).not.toBe(doc);
  });

  it('cuts if and only if the serialised document exceeds the limit (property, fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 10, max: 600 }), (texts, limit) => {
        const doc = docOf(texts);
        expect(truncateDoc(doc, limit) === doc).toBe(size(doc) <= limit);
      }),
      { seed: 20251127, numRuns: 2000 },
    );
  });
});
