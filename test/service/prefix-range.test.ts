import { prefixRange } from '../../src/adapters/sql/prefix-range';

describe('prefixRange', () => {
  it('bounds a prefix by the prefix with its last character raised by one', () => {
    expect(prefixRange('pair:')).toEqual({ from: 'pair:', below: 'pair;' });
    expect(prefixRange('a%')).toEqual({ from: 'a%', below: 'a&' });
  });

  it('raises a character outside the basic plane as one code point, not a surrogate half', () => {
    expect(prefixRange('x😀')).toEqual({ from: 'x😀', below: 'x😁' });
  });

  it('steps over the surrogate code points, which UTF-8 cannot encode', () => {
    expect(prefixRange('\ud7ff')).toEqual({ from: '\ud7ff', below: '\ue000' });
  });

  it('carries past the last code point, and has no upper bound when nothing sorts higher', () => {
    expect(prefixRange('a\u{10ffff}')).toEqual({ from: 'a\u{10ffff}', below: 'b' });
    expect(prefixRange('\u{10ffff}')).toEqual({ from: '\u{10ffff}' });
    expect(prefixRange('')).toEqual({ from: '' });
  });
});
