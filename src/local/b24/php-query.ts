/**
 * PHP's http_build_query and parse_str, because Bitrix24 is PHP: event deliveries are built with the first and
 * form/query arguments are read with the second, so bracketed keys (`fields[TITLE]`) must round-trip exactly.
 */

/** PHP urlencode (RFC 1738): only alphanumerics and `-_.` stay literal, space becomes `+`. */
function phpUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function scalar(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

function collect(prefix: string, value: unknown, out: string[]): void {
  if (typeof value === 'object' && value !== null) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) collect(`${prefix}[${key}]`, child, out);
    return;
  }
  const text = scalar(value);
  if (text !== null) out.push(`${phpUrlencode(prefix)}=${phpUrlencode(text)}`);
}

/** http_build_query: nested objects and arrays become bracketed keys; null is skipped, booleans are 1/0. */
export function httpBuildQuery(data: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(data)) collect(key, value, out);
  return out.join('&');
}

export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };
type PhpNode = { [key: string]: PhpNode | string };

function decode(part: string): string {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function splitKey(raw: string): string[] {
  const open = raw.indexOf('[');
  if (open <= 0) return [raw.replace(/[ .]/g, '_')];
  const segments = [raw.slice(0, open).replace(/[ .]/g, '_')];
  const re = /\[([^\]]*)\]/gy;
  re.lastIndex = open;
  let match: RegExpExecArray | null;
  while ((match = re.exec(raw)) !== null) segments.push(match[1] ?? '');
  return segments;
}

function nextIndex(node: PhpNode): string {
  const ints = Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .map(Number);
  return String(ints.length === 0 ? 0 : Math.max(...ints) + 1);
}

function assign(root: PhpNode, segments: string[], value: string): void {
  let node = root;
  segments.forEach((segment, i) => {
    const key = segment === '' ? nextIndex(node) : segment;
    if (i === segments.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (typeof child === 'object') node = child;
    else {
      const fresh: PhpNode = {};
      node[key] = fresh;
      node = fresh;
    }
  });
}

/** PHP arrays with keys 0..n-1 are lists (json_encode would print them as JSON arrays). */
function toValue(node: PhpNode | string): PhpValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  if (isList) return keys.map((k) => toValue(node[k] ?? ''));
  const out: { [key: string]: PhpValue } = {};
  for (const k of keys) out[k] = toValue(node[k] ?? '');
  return out;
}

/** parse_str: every leaf is a string, brackets nest, `[]` appends. */
export function parseStr(query: string): Record<string, PhpValue> {
  const root: PhpNode = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (rawKey === '') continue;
    assign(root, splitKey(rawKey), value);
  }
  const out: Record<string, PhpValue> = {};
  for (const [k, v] of Object.entries(root)) out[k] = toValue(v);
  return out;
}
