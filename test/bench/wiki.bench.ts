/**
 * Wiki markup (`npm run bench`): `wikiToAdf` against Atlassian's wiki transformer (parse + JSON encode) on the
 * golden inputs, the time of a 1 MB document, and how often the two agree on structure. Not run by jest.
 */
import { adfToWiki, wikiToAdf } from '../../src/core/convert';
import { wikiCases, wikiIn } from '../convert/wiki-fixtures';
import { atlassianWikiToAdf, structureOf } from '../convert/wiki-oracle';

const mb = (text: string): number => Buffer.byteLength(text, 'utf8') / 1e6;

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function throughput(megabytes: number, run: () => void, budgetMs = 1000): number {
  run();
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    run();
    iterations++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (megabytes * iterations) / (elapsed / 1000);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const SECTION = `h2. Release *2.4* for _sprint 42_
Owner [~jsmith], see [the guide|https://wiki.example.com/release] (/) and {{npm test}}.
# Freeze the branch and tag {color:red}v2.4.0{color}
# Run the suites:
#* unit — -flaky- fixed
#* scenario +on staging+
||Step||Owner||
|Build|Иван|
{quote}Do not deploy on Fridays.{quote}
{code:bash}
npm run build && npm test
{code}

`;

export function benchWiki(): void {
  const corpus = wikiCases().map((c) => c.wiki);
  const corpusMb = mb(corpus.join(''));
  const ours = throughput(corpusMb, () => corpus.forEach((w) => wikiToAdf(w, wikiIn)));
  const theirs = throughput(corpusMb, () => corpus.forEach((w) => atlassianWikiToAdf(w)));
  console.log(`\nWiki markup → ADF on the ${corpus.length} golden inputs (${(corpusMb * 1000).toFixed(1)} KB)`);
  console.log(`  ours ${ours.toFixed(2)} MB/s, Atlassian's ${theirs.toFixed(2)} MB/s: ours is ${(ours / theirs).toFixed(1)}× faster`);
  const big = SECTION.repeat(Math.ceil(1_000_000 / SECTION.length));
  const bigMs = median([0, 1, 2].map(() => timeMs(() => wikiToAdf(big, wikiIn))));
  const theirsSmall = SECTION.repeat(Math.ceil(100_000 / SECTION.length));
  const theirsMs = median([0, 1, 2].map(() => timeMs(() => atlassianWikiToAdf(theirsSmall))));
  const oursSmallMs = median([0, 1, 2].map(() => timeMs(() => wikiToAdf(theirsSmall, wikiIn))));
  console.log(`  ${(mb(big)).toFixed(2)} MB document: wikiToAdf ${bigMs.toFixed(0)} ms (median of 3)`);
  console.log(`  ${(mb(theirsSmall) * 1000).toFixed(0)} KB document: ours ${oursSmallMs.toFixed(0)} ms, Atlassian's ${theirsMs.toFixed(0)} ms`);
  const doc = wikiToAdf(SECTION, wikiIn);
  const bigDoc = { ...doc, content: Array.from({ length: Math.ceil(1_000_000 / SECTION.length) }, () => doc.content).flat() };
  console.log(`  adfToWiki of the same 1 MB worth of ADF: ${median([0, 1, 2].map(() => timeMs(() => adfToWiki(bigDoc)))).toFixed(0)} ms`);
  const same = wikiCases().filter((c) => structureOf(wikiToAdf(c.wiki, wikiIn)) === structureOf(atlassianWikiToAdf(c.wiki))).length;
  console.log(`  structure equal to Atlassian's on ${same}/${corpus.length} golden inputs (${((100 * same) / corpus.length).toFixed(1)}%); the rest are listed in src/core/convert/README.md`);
}
