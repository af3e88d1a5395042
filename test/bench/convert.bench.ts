/**
 * Converter throughput (`npm run bench` once registered in run.ts): MB/s of each function on a realistic
 * mixed document, and the time (median of 3) at 256 KB, 512 KB and 1 MB to show the cost stays linear.
 * For HTML → ADF it also times Atlassian's own editor parser on the same inputs (atlaskit-compare.ts) and lists
 * the golden fixtures whose structure differs from it. Not run by jest.
 */
import { adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf, type AdfDoc } from '../../src/core/convert';
import { atlaskitHtmlToAdf, compareFixtures, htmlFixtures } from './atlaskit-compare';
import { cpuMs, mb, median, throughput, timeMs } from './timing';

const SECTION = `[B]Release checklist[/B] for [I]sprint 42[/I], owner [USER=12]Мария Иванова[/USER] 🚀
Please read the [URL=https://wiki.example.com/release]release guide[/URL] first; a < b & c.

[LIST=1]
[*]Freeze the branch and tag [COLOR=#ff5630]v2.4.0[/COLOR]
[*]Run the suites:
[LIST]
[*]unit — [S]flaky[/S] fixed
[*]scenario [U]on staging[/U]
[/LIST]
[*]Announce in the chat
[/LIST]
[QUOTE]Do not deploy on Fridays.[/QUOTE]
[CODE]npm run build && npm test[/CODE]
[TABLE]
[TR][TH]Step[/TH][TH]Owner[/TH][/TR]
[TR][TD]Build[/TD][TD]Иван[/TD][/TR]
[/TABLE]
Attached: [DISK FILE ID=n123]

`;

interface Inputs {
  bbcode: string;
  html: string;
  adf: AdfDoc;
  adfJson: string;
}

function inputs(targetBytes: number): Inputs {
  const bbcode = SECTION.repeat(Math.max(1, Math.round(targetBytes / Buffer.byteLength(SECTION, 'utf8'))));
  // The ADF side is built without the 32,767-character cut so that large inputs stay large.
  const adf = JSON.parse(JSON.stringify(bbcodeToAdf(SECTION))) as AdfDoc;
  const copies = Math.max(1, Math.round(bbcode.length / SECTION.length));
  const bigAdf: AdfDoc = { ...adf, content: Array.from({ length: copies }, () => adf.content).flat() };
  return { bbcode, html: adfToHtml(bigAdf), adf: bigAdf, adfJson: JSON.stringify(bigAdf) };
}

function row(name: string, values: readonly (string | number)[]): string {
  return [name.padEnd(14), ...values.map((v) => String(v).padStart(12))].join(' ');
}

export async function benchConvert(): Promise<void> {
  const small = inputs(10_000);
  console.log(`Rich-text converter (mixed document of ${(mb(small.bbcode) * 1000).toFixed(1)} KB BBCode)`);
  console.log(row('function', ['MB/s', '256 KB ms', '512 KB ms', '1 MB ms', '1 MB cpu ms']));
  const sizes = [256_000, 512_000, 1_000_000].map(inputs);
  const cases: [string, (i: Inputs) => number, (i: Inputs) => unknown][] = [
    ['bbcodeToAdf', (i) => mb(i.bbcode), (i) => bbcodeToAdf(i.bbcode)],
    ['htmlToAdf', (i) => mb(i.html), (i) => htmlToAdf(i.html)],
    ['adfToBbcode', (i) => mb(i.adfJson), (i) => adfToBbcode(i.adf)],
    ['adfToHtml', (i) => mb(i.adfJson), (i) => adfToHtml(i.adf)],
  ];
  for (const [name, size, run] of cases) {
    const speed = throughput(size(small), () => run(small));
    const times = sizes.map((i) => median([0, 1, 2].map(() => timeMs(() => run(i)))).toFixed(0));
    const largest = sizes[sizes.length - 1];
    const cpu = largest ? median([0, 1, 2].map(() => cpuMs(() => run(largest)))).toFixed(0) : '-';
    console.log(row(name, [speed.toFixed(2), ...times, cpu]));
  }
  console.log('MB/s counts input bytes (ADF: its JSON). Times are medians of 3; cpu ms includes GC threads.');
  benchAgainstAtlaskit(sizes[0]);
  return Promise.resolve();
}

/** Same inputs through both parsers: all HTML golden inputs, then the 256 KB mixed document. */
function benchAgainstAtlaskit(large: Inputs | undefined): void {
  const fixtures = htmlFixtures().map((f) => f.html);
  const all = (parse: (html: string) => unknown) => () => fixtures.forEach((html) => parse(html));
  const fixtureMb = mb(fixtures.join(''));
  const ours = throughput(fixtureMb, all(htmlToAdf));
  const theirs = throughput(fixtureMb, all(atlaskitHtmlToAdf));
  console.log(`\nhtmlToAdf vs Atlassian's editor parser (jsdom + ProseMirror DOMParser + JSONTransformer.encode)`);
  console.log(row('input', ['ours MB/s', 'theirs MB/s', 'time ratio']));
  console.log(row(`${fixtures.length} fixtures`, [ours.toFixed(2), theirs.toFixed(2), (theirs / ours).toFixed(2)]));
  if (large) {
    const oursMs = median([0, 1, 2].map(() => timeMs(() => htmlToAdf(large.html))));
    const theirsMs = median([0, 1, 2].map(() => timeMs(() => atlaskitHtmlToAdf(large.html))));
    const size = mb(large.html);
    console.log(
      row(`${(size * 1000).toFixed(0)} KB doc`, [
        (size / (oursMs / 1000)).toFixed(2),
        (size / (theirsMs / 1000)).toFixed(2),
        (oursMs / theirsMs).toFixed(2),
      ]),
    );
  }
  console.log('time ratio = our time / their time (below 1: ours is faster).');
  const differing = compareFixtures().filter((c) => !c.same);
  console.log(
    `Structure (node-type tree) differs on ${differing.length} fixture(s); each must explain why in its NOTES.md:`,
  );
  for (const c of differing)
    console.log(`  ${c.noted ? 'noted  ' : 'UNNOTED'} ${c.name}: ours ${c.ours} | theirs ${c.theirs}`);
}
