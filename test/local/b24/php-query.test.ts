import { httpBuildQuery, parseStr } from '../../../src/local/b24/php-query';
import { fixtureText } from './support';

describe('PHP query encoding', () => {
  it('re-encodes a documented event body byte for byte after parsing it', () => {
    const raw = fixtureText('ONTASKCOMMENTDELETE.raw.constructed.txt');
    expect(httpBuildQuery(parseStr(raw))).toBe(raw);
  });

  it('parses unencoded brackets as a live portal sends them', () => {
    const parsed = parseStr(fixtureText('ONTASKCOMMENTADD.chat-card.observed.raw.txt'));
    expect(parsed).toMatchObject({
      event: 'ONTASKCOMMENTADD',
      data: { FIELDS_AFTER: { ID: '0', MESSAGE_ID: '48760', TASK_ID: '2536' } },
    });
  });

  it('turns `[]` and 0..n keys into lists, spaces into +, and skips nulls', () => {
    expect(parseStr('select[]=ID&select[]=TITLE&f[0]=a&f[1]=b')).toEqual({ select: ['ID', 'TITLE'], f: ['a', 'b'] });
    expect(httpBuildQuery({ a: 'x y', b: null, c: true, d: [1] })).toBe('a=x+y&c=1&d%5B0%5D=1');
  });
});
