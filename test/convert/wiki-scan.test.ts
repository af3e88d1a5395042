/**
 * The wiki line's position questions (next unescaped `]`, `!`, `|`, `}}`) answer the same on short lines, which
 * are searched, and on long ones, which are answered from tables: both against the definition, read off naively.
 */
import fc from 'fast-check';
import { isEscapable, scanLine } from '../../src/core/convert/wiki/scan';

/** A backslash escapes the character after it when that one is escapable; either way both are stepped over. */
function escapedAt(text: string): boolean[] {
  const escaped = Array.from({ length: text.length + 1 }, () => false);
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || i === text.length - 1) continue;
    if (isEscapable(text[i + 1])) escaped[i + 1] = true;
    i++;
  }
  return escaped;
}

function naiveNext(text: string, char: string, doubled: boolean, from: number): number {
  const escaped = escapedAt(text);
  for (let at = from; at < text.length; at++) {
    if (text[at] === char && !escaped[at] && (!doubled || text[at + 1] === char)) return at;
  }
  return -1;
}

const line = fc
  .tuple(fc.nat({ max: 600 }), fc.array(fc.constantFrom(']', '!', '|', '}', '\\', 'a', ' ', '['), { maxLength: 80 }))
  .map(([pad, chars]) => `${'a'.repeat(pad)}${chars.join('')}`);

describe('a scanned wiki line', () => {
  it('finds the next unescaped ], !, | and }} as the definition says, on short and long lines alike', () => {
    fc.assert(
      fc.property(line, fc.nat(), (text, seed) => {
        const scanned = scanLine(text);
        const from = text.length === 0 ? 0 : seed % (text.length + 2);
        expect([
          scanned.nextClose(from),
          scanned.nextBang(from),
          scanned.nextPipe(from),
          scanned.nextBraces(from),
        ]).toEqual([
          naiveNext(text, ']', false, from),
          naiveNext(text, '!', false, from),
          naiveNext(text, '|', false, from),
          naiveNext(text, '}', true, from),
        ]);
        expect(Array.from({ length: text.length }, (_, i) => scanned.escaped(i))).toEqual(
          escapedAt(text).slice(0, text.length),
        );
      }),
      { seed: 20261207, numRuns: 1500 },
    );
  });
});
