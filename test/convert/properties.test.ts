/** Guarantees 1, 2, 4 and 5 on random documents (fast-check, fixed seed so CI is reproducible). */
import fc from 'fast-check';
import { adfPlainText, adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';
import { anyAdf, bbDocument, bbGarbage, expressibleAdf, htmlSoup } from './builders';
import { formattedText, wordsOf } from './signature';

const RUNS = { seed: 42, numRuns: 200 };

describe('random Bitrix24 BBCode documents', () => {
  it('always convert to schema-valid ADF', () => {
    fc.assert(
      fc.property(bbDocument, (sample) => {
        expect(validateAdf(bbcodeToAdf(sample.bbcode))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('keep every word of visible text', () => {
    fc.assert(
      fc.property(bbDocument, (sample) => {
        const words = new Set(wordsOf(adfPlainText(bbcodeToAdf(sample.bbcode))));
        for (const w of sample.words) expect(words).toContain(w);
      }),
      RUNS,
    );
  });

  it('are stable: B24 → ADF → B24 → ADF gives the ADF of the first trip', () => {
    fc.assert(
      fc.property(bbDocument, (sample) => {
        const first = bbcodeToAdf(sample.bbcode);
        expect(bbcodeToAdf(adfToBbcode(first))).toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('malformed BBCode and HTML', () => {
  it('never throws and still yields valid ADF that keeps the letters of the input', () => {
    fc.assert(
      fc.property(bbGarbage, (input) => {
        const doc = bbcodeToAdf(input);
        expect(validateAdf(doc)).toEqual([]);
        expect(validateAdf(htmlToAdf(input))).toEqual([]);
        const kept = new Set(wordsOf(adfPlainText(doc)).join(''));
        for (const ch of wordsOf(
          input.replace(/&#?\w+;|\[\/?(?:b|list|td|table|tr|code|quote|url|img|user|disk)[^\]]*\]/gi, ' '),
        ).join(''))
          expect(kept).toContain(ch);
      }),
      RUNS,
    );
  });
});

describe('random HTML tag soup', () => {
  it('converts to valid ADF that keeps every word outside scripts', () => {
    fc.assert(
      fc.property(htmlSoup, (html) => {
        const result = htmlToAdf(html);
        expect(validateAdf(result)).toEqual([]);
        const kept = new Set(wordsOf(adfPlainText(result)));
        for (const w of wordsOf(html.replace(/<script>x<\/script>/g, ' ').replace(/<[^>]*>|&\w+;/g, ' ')))
          expect(kept).toContain(w);
      }),
      RUNS,
    );
  });
});

describe('random valid ADF documents', () => {
  it('that BBCode can express come back unchanged through BBCode (formatting and text per character)', () => {
    fc.assert(
      fc.property(expressibleAdf, (doc) => {
        expect(validateAdf(doc)).toEqual([]);
        const back = bbcodeToAdf(adfToBbcode(doc));
        expect(validateAdf(back)).toEqual([]);
        expect(formattedText(back)).toEqual(formattedText(doc));
      }),
      RUNS,
    );
  });

  it('of any kind keep every word through BBCode and through HTML, and stay valid', () => {
    fc.assert(
      fc.property(anyAdf, (doc) => {
        expect(validateAdf(doc)).toEqual([]);
        const viaBb = bbcodeToAdf(adfToBbcode(doc));
        const viaHtml = htmlToAdf(adfToHtml(doc));
        expect(validateAdf(viaBb)).toEqual([]);
        expect(validateAdf(viaHtml)).toEqual([]);
        const words = wordsOf(adfPlainText(doc));
        const bbWords = new Set(wordsOf(adfPlainText(viaBb)));
        const htmlWords = new Set(wordsOf(adfPlainText(viaHtml)));
        for (const w of words) {
          expect(bbWords).toContain(w);
          expect(htmlWords).toContain(w);
        }
      }),
      RUNS,
    );
  });

  it('settle after one trip: ADF → B24 → ADF → B24 → ADF equals the first trip', () => {
    fc.assert(
      fc.property(anyAdf, (doc) => {
        const once = bbcodeToAdf(adfToBbcode(doc));
        expect(bbcodeToAdf(adfToBbcode(once))).toEqual(once);
      }),
      RUNS,
    );
  });
});
