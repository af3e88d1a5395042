/**
 * The key range holding every key that starts with a prefix, under bytewise (COLLATE "C") order: from the prefix
 * itself up to, not including, the prefix with its last code point raised by one. UTF-8 byte order is code point
 * order, so the bound is exact for any text; surrogate code points cannot be encoded and are stepped over.
 */
const MAX_CODE_POINT = 0x10ffff;
const SURROGATES = { first: 0xd800, last: 0xdfff };

export interface PrefixRange {
  from: string;
  /** Absent when no string sorts after every key with the prefix (an empty prefix, or one of U+10FFFF only). */
  below?: string;
}

export function prefixRange(prefix: string): PrefixRange {
  const points = [...prefix].map((c) => c.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = points.pop() ?? 0;
    if (last < MAX_CODE_POINT) {
      const next = last + 1 >= SURROGATES.first && last + 1 <= SURROGATES.last ? SURROGATES.last + 1 : last + 1;
      return { from: prefix, below: String.fromCodePoint(...points, next) };
    }
  }
  return { from: prefix };
}
