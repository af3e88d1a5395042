/** Wiki input nested 10,000 levels deep neither throws nor recurses with the depth, and keeps its text. */
import { adfPlainText, adfToWiki, wikiToAdf } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';

const DEEP = 10_000;
const inputs: [string, string][] = [
  ['10,000 list markers', `${'*'.repeat(DEEP)} deepword\ntailword`],
  [
    'a list 10,000 levels deep, one level per line',
    `${Array.from({ length: DEEP }, (_, i) => `${'*'.repeat(Math.min(i + 1, 20))} deepword`).join('\n')}\ntailword`,
  ],
  [
    '10,000 {quote}s and {panel}s',
    `${'{quote}{panel}'.repeat(DEEP)}deepword${'{panel}{quote}'.repeat(DEEP)}\n\ntailword`,
  ],
  ['10,000 nested marks', `${'*_+-^~'.repeat(DEEP / 6)}deepword${'~^-+_*'.repeat(DEEP / 6)} tailword`],
  ['10,000 unclosed brackets and links', `${'[a|'.repeat(DEEP)}deepword${']'.repeat(DEEP)} tailword`],
  ['10,000 colour macros', `${'{color:red}'.repeat(DEEP)}deepword${'{color}'.repeat(DEEP)} tailword`],
];

describe('deeply nested wiki markup', () => {
  // Some of these outgrow Jira's size limit: the cut (with its note) may take the tail, never the first words.
  it.each(inputs)('%s converts to valid ADF that keeps its text, and writes back', (_name, wiki) => {
    const doc = wikiToAdf(wiki);
    expect(validateAdf(doc)).toEqual([]);
    expect(adfPlainText(doc)).toMatch(/deepword[\s\S]*(tailword|Truncated)|^(\{color:red\}){100}/);
    expect(adfToWiki(doc).length).toBeGreaterThan(0);
  });

  it('converts a 1 MB document in linear time (well under a second)', () => {
    const unit = '* *bold* _it_ [link|https://example.com] {{code}} :)\n||h||h||\n|a|b|\n{quote}q{quote}\n';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    // CPU time, not wall time: on the shared machine other processes' load would otherwise be counted as ours.
    const start = process.cpuUsage();
    wikiToAdf(big);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
