/**
 * Golden cases: each folder of test/fixtures/convert holds one input (input.bbcode, input.html or
 * input.adf.json) and the expected outputs. `UPDATE=1` writes the expected outputs; without it a missing expected
 * file fails, so a case nobody has checked by eye never passes by writing its own answer.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf, type AdfDoc } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';

const ROOT = join(__dirname, '..', 'fixtures', 'convert');
const update = process.env.UPDATE === '1';

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function golden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (update) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`${path} is missing: run with UPDATE=1 to write it, then check it by eye`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const json = (doc: AdfDoc): string => `${JSON.stringify(doc, null, 2)}\n`;

describe('golden conversion fixtures', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(cases)('%s', (name) => {
    const dir = join(ROOT, name);
    const read = (file: string): string | undefined =>
      existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined;

    it('converts to the expected output, and every ADF produced is schema-valid', () => {
      const bbcode = read('input.bbcode');
      const html = read('input.html');
      const adfInput = read('input.adf.json');
      if (bbcode !== undefined) {
        const doc = bbcodeToAdf(bbcode);
        expect(validateAdf(doc)).toEqual([]);
        golden(dir, 'expected.adf.json', json(doc));
        golden(dir, 'expected.bbcode', `${adfToBbcode(doc)}\n`);
      } else if (html !== undefined) {
        const doc = htmlToAdf(html);
        expect(validateAdf(doc)).toEqual([]);
        golden(dir, 'expected.adf.json', json(doc));
        golden(dir, 'expected.html', `${adfToHtml(doc)}\n`);
      } else if (adfInput !== undefined) {
        const doc = JSON.parse(adfInput) as AdfDoc;
        const bb = adfToBbcode(doc);
        golden(dir, 'expected.bbcode', `${bb}\n`);
        golden(dir, 'expected.html', `${adfToHtml(doc)}\n`);
        golden(dir, 'expected.adf.json', json(bbcodeToAdf(bb)));
        expect(validateAdf(bbcodeToAdf(bb))).toEqual([]);
      } else {
        throw new Error(`fixture ${name} has no input file`);
      }
    });
  });
});
