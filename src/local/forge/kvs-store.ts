/**
 * The installation's key-value storage as the Forge KVS service keeps it: plain values and secrets in separate
 * spaces, TTL on the platform clock, and the documented limits enforced with the service's error codes
 * (developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs). Values are stored as JSON text,
 * so callers always get a fresh copy, as over the wire.
 */
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import type { Clock } from '../contracts';

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
/** forge.md: depth 31 for KVS values (the custom-entity page says 32); the stricter bound is used. */
export const MAX_DEPTH = 31;
export const MAX_BATCH = 25;
const MAX_TTL_MS = 365 * 24 * 3600 * 1000;

export type Space = 'plain' | 'secret';

export interface StoredEntry {
  json: string;
  createdAt: number;
  updatedAt: number;
  expireAt?: number;
}

export interface Ttl {
  value: number;
  unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
}

const UNIT_MS: Record<Ttl['unit'], number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

function kvsError(status: number, code: string, message: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError({ status, statusText: status === 409 ? 'Conflict' : 'Bad Request' }, { code, message });
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw kvsError(400, 'KEY_TOO_SHORT', 'The provided key is empty.');
  if (key.length > MAX_KEY_LENGTH)
    throw kvsError(400, 'KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters.');
  if (!KEY_PATTERN.test(key))
    throw kvsError(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN.source}`);
  return key;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

function encodeValue(value: unknown): string {
  const json: unknown = value === undefined ? undefined : JSON.stringify(value);
  if (typeof json !== 'string') throw kvsError(400, 'INVALID_VALUE', 'The value must be JSON-serialisable.');
  if (Buffer.byteLength(json) > MAX_VALUE_BYTES)
    throw kvsError(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  if (depthOf(value) > MAX_DEPTH)
    throw kvsError(400, 'MAX_DEPTH', 'The provided value has exceeded the maximum object depth.');
  return json;
}

function ttlToMs(ttl: Ttl): number {
  const ms = ttl.value * (UNIT_MS[ttl.unit] ?? Number.NaN);
  if (!Number.isInteger(ttl.value) || ttl.value <= 0 || !(ms <= MAX_TTL_MS)) {
    throw kvsError(400, 'INVALID_TTL', 'TTL must be a positive whole number of units, at most one year.');
  }
  return ms;
}

export class KvsStore {
  private spaces: Record<Space, Map<string, StoredEntry>> = { plain: new Map(), secret: new Map() };

  constructor(private readonly clock: Clock) {}

  /** Expired entries are gone at once (Forge may still return them for up to 48 h: never rely on either). */
  read(space: Space, key: string): StoredEntry | undefined {
    const map = this.spaces[space];
    const entry = map.get(key);
    if (entry?.expireAt !== undefined && entry.expireAt <= this.clock.now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  write(
    space: Space,
    key: string,
    value: unknown,
    options: { ttl?: Ttl; failIfExists?: boolean } = {},
  ): {
    previous?: StoredEntry;
    latest: StoredEntry;
  } {
    checkKey(key);
    const json = encodeValue(value);
    const expireAt = options.ttl ? this.clock.now() + ttlToMs(options.ttl) : undefined;
    const previous = this.read(space, key);
    if (previous && options.failIfExists) throw kvsError(409, 'KEY_CONFLICT', `The key ${key} already exists.`);
    const now = this.clock.now();
    const latest: StoredEntry = { json, createdAt: previous?.createdAt ?? now, updatedAt: now, expireAt };
    this.spaces[space].set(key, latest);
    return { previous, latest };
  }

  remove(space: Space, key: string): void {
    checkKey(key);
    this.spaces[space].delete(key);
  }

  /** Plain keys in order; expired ones are skipped. */
  keys(space: Space = 'plain'): string[] {
    return [...this.spaces[space].keys()].filter((k) => this.read(space, k) !== undefined).sort();
  }

  /** Inspection for tests and the sandbox: a copy of a plain value. */
  peek(key: string, space: Space = 'plain'): unknown {
    const entry = this.read(space, key);
    return entry ? (JSON.parse(entry.json) as unknown) : undefined;
  }

  /** A copy of the plain space, so a failed transaction can be undone. */
  snapshot(): Map<string, StoredEntry> {
    return new Map(this.spaces.plain);
  }

  restore(copy: Map<string, StoredEntry>): void {
    this.spaces.plain = new Map(copy);
  }

  clear(): void {
    this.spaces.plain.clear();
    this.spaces.secret.clear();
  }
}
