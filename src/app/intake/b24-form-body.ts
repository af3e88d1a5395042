/**
 * Decodes an `application/x-www-form-urlencoded` body with PHP-style bracket keys (`data[FIELDS_AFTER][ID]=1`)
 * into a nested object, as PHP's parse_str would. Bitrix24 event deliveries use it; keys may arrive with their
 * brackets percent-encoded (`auth%5Bdomain%5D`) or raw, so each key is decoded before its brackets are read.
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
}

/** Keys that would reach Object.prototype through a plain object. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 8;

const decode = (part: string): string => {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch (cause) {
    throw new FormBodyError(`Malformed percent-encoding in "${part.slice(0, 40)}"`, { cause });
  }
};

const keyPath = (key: string): string[] => {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  const segment = /\[([^[\]]*)\]/y;
  segment.lastIndex = open;
  for (let m = segment.exec(key); m !== null; m = segment.exec(key)) {
    path.push(m[1] ?? '');
    if (segment.lastIndex === key.length) return path;
  }
  // PHP keeps the rest of a malformed key as text; we refuse it: no sender we accept produces one.
  throw new FormBodyError(`Malformed bracket key "${key.slice(0, 60)}"`);
};

const assign = (target: FormObject, path: string[], value: string): void => {
  if (path.length > MAX_DEPTH) throw new FormBodyError(`Key nested deeper than ${MAX_DEPTH} levels`);
  let node = target;
  path.forEach((raw, index) => {
    const name = raw === '' ? String(Object.keys(node).length) : raw;
    if (FORBIDDEN.has(name)) throw new FormBodyError(`Forbidden key "${name}"`);
    if (index === path.length - 1) {
      node[name] = value;
      return;
    }
    const next = node[name];
    if (typeof next === 'object') {
      node = next;
    } else {
      const created: FormObject = {};
      node[name] = created;
      node = created;
    }
  });
};

export const parseFormBody = (body: string): FormObject => {
  const result: FormObject = {};
  // Raw line breaks never belong to a pair (encoded ones are %0A); tools and files add a trailing one.
  for (const pair of body.replace(/[\r\n]+$/, '').split('&')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey).trim();
    if (key === '') throw new FormBodyError('Empty key in form body');
    assign(result, keyPath(key), decode(rawValue));
  }
  return result;
};

/**
 * A Bitrix24 delivery's body as a web trigger may receive it, whatever `Content-Type` came with it: Forge hands the
 * request to the function "serialized to JSON", and whether it keeps a form body as sent is not documented (ECO-563
 * reads the web trigger as JSON-only). So the same delivery is accepted as form text (sent as a form, as
 * `text/plain` or with no type), as that text JSON-encoded into a string, or as the already-decoded object.
 */
export const decodeDeliveryBody = (body: string): FormObject | Record<string, unknown> => {
  const text = body.trim();
  if (!/^[{["]/.test(text)) return parseFormBody(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new FormBodyError('Body starts like JSON but is not valid JSON', { cause });
  }
  if (typeof parsed === 'string') return parseFormBody(parsed);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
    return checkedObject(parsed as Record<string, unknown>, 1);
  throw new FormBodyError('A JSON body must be an object or the form text as a string');
};

/** The decoded JSON gets the same limits as a form: no prototype keys, no deeper nesting. */
const checkedObject = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
  if (depth > MAX_DEPTH) throw new FormBodyError(`Key nested deeper than ${MAX_DEPTH} levels`);
  for (const [key, value] of Object.entries(node)) {
    if (FORBIDDEN.has(key)) throw new FormBodyError(`Forbidden key "${key}"`);
    if (typeof value === 'object' && value !== null) checkedObject(value as Record<string, unknown>, depth + 1);
  }
  return node;
};
