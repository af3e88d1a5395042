/**
 * Atlassian's wiki transformer as an oracle: on every golden input its ADF and ours have the same node-type tree
 * in at least 90% of the cases, and every case where they differ is listed, with the reason ours is right, in the
 * converter README ("Where we differ from Atlassian's wiki parser").
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { wikiToAdf } from '../../src/core/convert';
import { wikiCases, wikiIn } from './wiki-fixtures';
import { atlassianWikiToAdf, wikiStructureOf } from './wiki-oracle';

const README = join(__dirname, '..', '..', 'src', 'core', 'convert', 'README.md');

function listedInReadme(): Set<string> {
  const text = readFileSync(README, 'utf8');
  const section = text.split("### Where we differ from Atlassian's wiki parser")[1]?.split('\n### ')[0] ?? '';
  return new Set([...section.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1] as string));
}

const comparisons = wikiCases().map(({ name, wiki }) => ({
  name,
  ours: wikiStructureOf(wikiToAdf(wiki, wikiIn)),
  theirs: wikiStructureOf(atlassianWikiToAdf(wiki)),
}));
const differing = comparisons.filter((c) => c.ours !== c.theirs);

describe("our wiki reader next to Atlassian's", () => {
  it('builds the same structure on at least 90% of the golden inputs', () => {
    const agreement = (comparisons.length - differing.length) / comparisons.length;
    expect(agreement).toBeGreaterThanOrEqual(0.9);
  });

  it('differs only where the README says why ours is right', () => {
    const listed = listedInReadme();
    expect(differing.map((c) => c.name).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('lists no case in the README that no longer differs', () => {
    const names = new Set(differing.map((c) => c.name));
    expect([...listedInReadme()].filter((name) => !names.has(name))).toEqual([]);
  });
});
