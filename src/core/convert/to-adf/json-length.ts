/**
 * The length of `JSON.stringify(value)`, counted without building the string. Every converted document is
 * measured against Jira's size limit, and for the short texts most descriptions and comments are, serialising
 * them only to read a length (then dropping the string) cost as much as converting them.
 */

/** What JSON writes as an escape: quote, backslash, control characters; lone surrogates among `\ud800-\udfff`. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringLength(s: string): number {
  // Escapes are rare: the string itself is serialised only when it holds one (or a surrogate, lone or paired).
  return ESCAPED.test(s) ? JSON.stringify(s).length : s.length + 2;
}

/** -1 for what JSON leaves out of an object (and writes as `null` in an array). */
function valueLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringLength(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      return value === null ? 4 : containerLength(value);
    default:
      return -1;
  }
}

function containerLength(value: object): number {
  if (Array.isArray(value)) {
    let length = value.length > 0 ? value.length + 1 : 2;
    for (const item of value as unknown[]) {
      const n = valueLength(item);
      length += n < 0 ? 4 : n;
    }
    return length;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value).length;
  let length = 1;
  let members = 0;
  // for…in (own keys only) over Object.keys: no array of keys is made for every node.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const n = valueLength((value as Record<string, unknown>)[key]);
    if (n < 0) continue;
    length += stringLength(key) + 2 + n;
    members++;
  }
  return members > 0 ? length : 2;
}

/** `JSON.stringify(value).length` for plain data (objects, arrays, strings, numbers, booleans, null). */
export function jsonLength(value: unknown): number {
  const n = valueLength(value);
  return n < 0 ? 0 : n;
}
