/** Wiki round trips on random documents (fast-check, fixed seeds so CI is reproducible). */
import fc from 'fast-check';
import { adfPlainText, adfToWiki, wikiToAdf, type AdfDoc } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';
import { anyAdf } from './builders';
import { wordsOf } from './signature';
import { MARKUP_CHARS, markupText, propertyIn, propertyOut, wikiExpressibleAdf, wikiGarbage } from './wiki-builders';
import { atlassianAdfToWiki, atlassianWikiToAdf } from './wiki-oracle';

const paragraphOf = (value: string): AdfDoc => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: value }] }],
});
const trip = (doc: AdfDoc): AdfDoc => wikiToAdf(adfToWiki(doc, propertyOut), propertyIn);

describe('plain text through wiki', () => {
  const everything = `Plain ${[...MARKUP_CHARS].join(' ')} and glued ${MARKUP_CHARS} *star* -dash- _under_ {{mono}} [link] !img! :) https://x.example`;

  it('keeps every markup character as text: ADF → wiki → ADF gives the same paragraph', () => {
    expect(trip(paragraphOf(everything))).toEqual(paragraphOf(everything));
  });

  it("is the case Atlassian's own encoder gets wrong (its wiki reads back with formatting that was not there)", () => {
    expect(atlassianWikiToAdf(atlassianAdfToWiki(paragraphOf(everything)))).not.toEqual(paragraphOf(everything));
  });

  it('survives for any text made of markup characters, words and spaces', () => {
    fc.assert(
      fc.property(markupText, (value) => {
        expect(trip(paragraphOf(value))).toEqual(paragraphOf(value));
      }),
      { seed: 2301, numRuns: 1000 },
    );
  });
});

describe('random ADF documents that wiki can express', () => {
  it('come back unchanged through wiki (1,000 documents)', () => {
    // A boolean property (no expect inside): shrinking a failure stays fast, the counterexample is printed.
    fc.assert(
      fc.property(
        wikiExpressibleAdf,
        (doc) => validateAdf(doc).length === 0 && JSON.stringify(trip(doc)) === JSON.stringify(doc),
      ),
      { seed: 2302, numRuns: 1000 },
    );
  });
});

describe('random ADF documents of any kind', () => {
  it('settle after one trip, stay valid and keep every word', () => {
    fc.assert(
      fc.property(anyAdf, (doc) => {
        const once = trip(doc);
        expect(validateAdf(once)).toEqual([]);
        expect(trip(once)).toEqual(once);
        const kept = new Set(wordsOf(adfPlainText(once)));
        for (const w of wordsOf(adfPlainText(doc))) expect(kept).toContain(w);
      }),
      { seed: 2303, numRuns: 300 },
    );
  });
});

describe('random wiki markup, malformed included', () => {
  it('never throws, gives valid ADF that keeps every word, and settles after one trip through ADF', () => {
    fc.assert(
      fc.property(wikiGarbage, (wiki) => {
        const first = wikiToAdf(wiki, propertyIn);
        expect(validateAdf(first)).toEqual([]);
        const once = trip(first);
        expect(trip(once)).toEqual(once);
        const kept = new Set(wordsOf(adfPlainText(once)));
        for (const w of wordsOf(adfPlainText(first))) expect(kept).toContain(w);
      }),
      { seed: 2304, numRuns: 500 },
    );
  });
});
