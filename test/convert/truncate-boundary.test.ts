/**
 * Guarantee 6 at its edge: truncateDoc measures the stored document block by block (so a 1 MB input is never
 * serialised whole), and must still cut exactly when the whole document's JSON is longer than the limit.
 */
import fc from 'fast-check';
import type { AdfDoc } from '../../src/core/convert';
import { jsonLength } from '../../src/core/convert/to-adf/json-length';
import { truncateDoc } from '../../src/core/convert/to-adf/truncate';
import { anyAdf } from './builders';

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

describe('the length truncateDoc measures', () => {
  it('is the length of JSON.stringify for any JSON value, escapes and lone surrogates included', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary' }),
      fc.array(fc.string({ unit: 'binary' })),
      fc.dictionary(
        fc.string({ unit: 'binary' }),
        fc.oneof(fc.string({ unit: 'binary' }), fc.constant(undefined), fc.double()),
      ),
    );
    fc.assert(
      fc.property(value, (v) => expect(jsonLength(v)).toBe(JSON.stringify(v).length)),
      { seed: 20261207, numRuns: 3000 },
    );
  });

  it('is the length of JSON.stringify for any ADF document', () => {
    fc.assert(
      fc.property(anyAdf, (doc) => expect(jsonLength(doc)).toBe(size(doc))),
      { seed: 20261207, numRuns: 500 },
    );
  });

  it('skips what JSON leaves out and writes null for what it cannot hold, as JSON.stringify does', () => {
    const odd = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Number.NaN, -0, 1e21],
      d: null,
      e: true,
      f: { toJSON: () => 'x' },
    };
    expect(jsonLength(odd)).toBe(JSON.stringify(odd).length);
  });
});
