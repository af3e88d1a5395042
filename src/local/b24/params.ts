/**
 * Reading untrusted arguments. JSON bodies carry numbers and arrays while form and query arguments carry only
 * strings and PHP-style maps, so every reader here accepts both encodings of the same value.
 */

export type Params = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parameter by name, case-insensitively (B24 reads `filter` and `FILTER` alike), else by position. */
export function param(params: Params, name: string, position?: number): unknown {
  if (name in params) return params[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === lower) return value;
  return position === undefined ? undefined : params[String(position)];
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  return undefined;
}

export function asInt(value: unknown): number | undefined {
  const text = asText(value);
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Arrays, PHP lists encoded as `{0:…,1:…}`, or a single scalar. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return Object.values(value);
  if (value === undefined || value === null || value === '') return [];
  return [value];
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (Array.isArray(value) && value.length === 0) return {};
  return undefined;
}

export function yesNo(value: unknown): 'Y' | 'N' | undefined {
  if (value === true || value === 'Y' || value === 'y' || value === '1' || value === 1) return 'Y';
  if (value === false || value === 'N' || value === 'n' || value === '0' || value === 0) return 'N';
  return undefined;
}
