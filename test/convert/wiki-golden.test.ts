/**
 * Wiki golden cases: each folder of test/fixtures/convert-wiki holds `input.wiki` (Jira Data Center markup), the
 * ADF we make of it (`expected.adf.json`) and the wiki we write back from that ADF (`expected.wiki`). A missing
 * expected file fails; `UPDATE=1` writes them (review the diff by eye before committing).
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { adfToWiki, wikiToAdf, type AdfDoc } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';
import { wikiCases, wikiIn, wikiOut } from './wiki-fixtures';

const update = process.env.UPDATE === '1';
const cases = wikiCases();

function golden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (update) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`${path} is missing: run with UPDATE=1 to write it, then review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const json = (doc: AdfDoc): string => `${JSON.stringify(doc, null, 2)}\n`;

describe('wiki golden fixtures', () => {
  it('has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { dir, wiki }) => {
    it('converts to the expected schema-valid ADF and writes back the expected wiki', () => {
      const doc = wikiToAdf(wiki, wikiIn);
      expect(validateAdf(doc)).toEqual([]);
      golden(dir, 'expected.adf.json', json(doc));
      const back = adfToWiki(doc, wikiOut);
      golden(dir, 'expected.wiki', `${back}\n`);
    });

    it('is stable: the wiki written back reads as the same ADF', () => {
      const doc = wikiToAdf(wiki, wikiIn);
      expect(wikiToAdf(adfToWiki(doc, wikiOut), wikiIn)).toEqual(doc);
    });
  });
});
