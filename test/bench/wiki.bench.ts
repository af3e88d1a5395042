/**
 * Wiki markup (`npm run bench`): `wikiToAdf` against Atlassian's wiki transformer (parse + JSON encode) on the
 * golden inputs, in alternating rounds so that the shared machine's load falls on both alike; the time of a 1 MB
 * document; and how often the two agree on structure. Not run by jest.
 */
import { adfToWiki, wikiToAdf } from '../../src/core/convert';
import { wikiCases, wikiIn } from '../convert/wiki-fixtures';
import { atlassianWikiToAdf, wikiStructureOf } from '../convert/wiki-oracle';
import { cpuMs, duel, mb, median, timeMs } from './timing';

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
  const speed = duel(
    corpusMb,
    () => corpus.forEach((w) => wikiToAdf(w, wikiIn)),
    () => corpus.forEach((w) => atlassianWikiToAdf(w)),
  );
  console.log(
    `\nWiki markup → ADF on the ${corpus.length} golden inputs (${(corpusMb * 1000).toFixed(1)} KB), 7 alternating rounds of CPU time`,
  );
  console.log(
    `  ours ${speed.ours.toFixed(2)} MB/s, Atlassian's ${speed.theirs.toFixed(2)} MB/s (medians): ours is ${speed.ratio.toFixed(1)}× faster (median round; worst round ${speed.worstRatio.toFixed(1)}×)`,
  );
  const big = SECTION.repeat(Math.ceil(1_000_000 / SECTION.length));
  const bigMs = median([0, 1, 2].map(() => timeMs(() => wikiToAdf(big, wikiIn))));
  const bigCpuMs = median([0, 1, 2].map(() => cpuMs(() => wikiToAdf(big, wikiIn))));
  const theirsSmall = SECTION.repeat(Math.ceil(100_000 / SECTION.length));
  const theirsMs = median([0, 1, 2].map(() => cpuMs(() => atlassianWikiToAdf(theirsSmall))));
  const oursSmallMs = median([0, 1, 2].map(() => cpuMs(() => wikiToAdf(theirsSmall, wikiIn))));
  console.log(
    `  ${mb(big).toFixed(2)} MB document: wikiToAdf ${bigMs.toFixed(0)} ms, ${bigCpuMs.toFixed(0)} ms of CPU (medians of 3)`,
  );
  console.log(
    `  ${(mb(theirsSmall) * 1000).toFixed(0)} KB document (CPU time): ours ${oursSmallMs.toFixed(0)} ms, Atlassian's ${theirsMs.toFixed(0)} ms`,
  );
  const doc = wikiToAdf(SECTION, wikiIn);
  const bigDoc = {
    ...doc,
    content: Array.from({ length: Math.ceil(1_000_000 / SECTION.length) }, () => doc.content).flat(),
  };
  console.log(
    `  adfToWiki of the same 1 MB worth of ADF: ${median([0, 1, 2].map(() => cpuMs(() => adfToWiki(bigDoc)))).toFixed(0)} ms of CPU`,
  );
  const same = wikiCases().filter(
    (c) => wikiStructureOf(wikiToAdf(c.wiki, wikiIn)) === wikiStructureOf(atlassianWikiToAdf(c.wiki)),
  ).length;
  console.log(
    `  structure equal to Atlassian's on ${same}/${corpus.length} golden inputs (${((100 * same) / corpus.length).toFixed(1)}%); the rest are listed in src/core/convert/README.md`,
  );
}

// `npx tsx test/bench/wiki.bench.ts` runs this bench alone (`npm run bench` runs them all).
if (require.main === module) benchWiki();
