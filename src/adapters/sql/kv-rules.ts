/**
 * What the SQL stores accept as a key, a time to live and a page size: Forge's limits where the app relies on
 * them, and what PostgreSQL text cannot hold, each refused with a sentence naming the value.
 */
import { PermanentError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { SetOptions } from '../../ports/store';

/** Forge's limits, kept so the app meets the same ones on either platform. */
export const MAX_KEY_LENGTH = 500;
export const MAX_PAGE = 100;
const MAX_TTL_SECONDS = 365 * 24 * 3600;

export const invalid = (message: string): PermanentError =>
  new PermanentError('validation', message, { code: 'sql:invalid-key' });

const LONE_SURROGATE = /\p{Cs}/u;

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw invalid('A storage key must be a non-empty string.');
  if (key.length > MAX_KEY_LENGTH)
    throw invalid(`The storage key "${key.slice(0, 40)}…" is longer than ${MAX_KEY_LENGTH} characters.`);
  return checkText(key, 'storage key');
}

/** PostgreSQL text holds neither NUL nor a lone surrogate (the driver would turn it into U+FFFD): refused by name. */
export function checkText(text: string, what: string): string {
  if (text.includes('\u0000')) throw invalid(`The ${what} ${JSON.stringify(text)} contains a NUL character.`);
  if (LONE_SURROGATE.test(text))
    throw invalid(`The ${what} ${JSON.stringify(text)} contains a lone UTF-16 surrogate, which is not text.`);
  return text;
}

export function expiryOf(clock: Clock, key: string, options?: SetOptions): Date | null {
  const ttl = options?.ttlSeconds;
  if (ttl === undefined) return null;
  if (!Number.isFinite(ttl) || ttl <= 0)
    throw invalid(`The time to live for "${key}" must be a positive number of seconds, not ${String(ttl)}.`);
  return new Date(clock.now() + Math.min(Math.ceil(ttl), MAX_TTL_SECONDS) * 1000);
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_PAGE;
  if (!Number.isInteger(limit) || limit < 1)
    throw invalid(`A page holds a whole number of entries, at least 1; got ${String(limit)}.`);
  return Math.min(limit, MAX_PAGE);
}
