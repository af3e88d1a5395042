/**
 * Guarantee 5 on every golden input: a second trip through Bitrix24's format changes nothing. HTML and ADF
 * inputs hold nodes BBCode cannot express (headings, list starts, colspans…), so for them the first trip is
 * the one that already went through BBCode once.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { adfToBbcode, bbcodeToAdf, htmlToAdf, type AdfDoc } from '../../src/core/convert';

const ROOT = join(__dirname, '..', 'fixtures', 'convert');
const inputs = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    ['input.bbcode', 'input.html', 'input.adf.json']
      .filter((f) => existsSync(join(ROOT, d.name, f)))
      .map((f) => [d.name, f] as const),
  );

function firstTrip(dir: string, file: string): AdfDoc {
  const content = readFileSync(join(ROOT, dir, file), 'utf8');
  if (file === 'input.bbcode') return bbcodeToAdf(content);
  if (file === 'input.html') return bbcodeToAdf(adfToBbcode(htmlToAdf(content)));
  return bbcodeToAdf(adfToBbcode(JSON.parse(content) as AdfDoc));
}

describe.each(inputs)('round trip of %s (%s)', (dir, file) => {
  it('B24 → ADF → B24 → ADF equals the first ADF', () => {
    const first = firstTrip(dir, file);
    expect(bbcodeToAdf(adfToBbcode(first))).toEqual(first);
  });
});
