/**
 * KeyValueStore on one SQL table (`kv_entries`). Unlike Forge's `query`, listing here is strongly consistent: a
 * committed write is in the next page read by any instance. Expiry uses the injected clock, so simulated time in
 * tests and the sandbox expires entries as it does on Forge; expired rows are never returned and are swept.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { JsonValue, KeyValueStore, SetOptions, StoredEntry } from '../../ports/store';
import type { SqlDb, SqlParam } from './db';
import { sqlGuarded } from './errors';
import { toJsonText } from './json-text';
import { prefixRange } from './prefix-range';

/** Forge's limits, kept so the app meets the same ones on either platform. */
export const MAX_KEY_LENGTH = 500;
export const MAX_PAGE = 100;
const MAX_TTL_SECONDS = 365 * 24 * 3600;
/** At most one sweep a minute per instance, bounded, so no single write pays for a large backlog. */
const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

export interface SqlKeyValueStore extends KeyValueStore {
  /** Deletes expired rows (bounded batches until none is left); returns how many. */
  sweepExpired(): Promise<number>;
}

const entryRow = z.object({ key: z.string(), value: z.string() });
const valueRow = z.object({ value: z.string(), expired: z.boolean() });

const LONE_SURROGATE = /\p{Cs}/u;

const systemClock: Clock = { now: () => Date.now() };

const invalid = (message: string): PermanentError => new PermanentError('validation', message, { code: 'sql:invalid-key' });

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw invalid('A storage key must be a non-empty string.');
  if (key.length > MAX_KEY_LENGTH) throw invalid(`The storage key "${key.slice(0, 40)}…" is longer than ${MAX_KEY_LENGTH} characters.`);
  return checkText(key, 'storage key');
}

/** PostgreSQL text holds neither NUL nor a lone surrogate (the driver would turn it into U+FFFD): refused by name. */
function checkText(text: string, what: string): string {
  if (text.includes('\u0000')) throw invalid(`The ${what} ${JSON.stringify(text)} contains a NUL character.`);
  if (LONE_SURROGATE.test(text)) throw invalid(`The ${what} ${JSON.stringify(text)} contains a lone UTF-16 surrogate, which is not text.`);
  return text;
}

function expiryOf(clock: Clock, key: string, options?: SetOptions): Date | null {
  const ttl = options?.ttlSeconds;
  if (ttl === undefined) return null;
  if (!Number.isFinite(ttl) || ttl <= 0) throw invalid(`The time to live for "${key}" must be a positive number of seconds, not ${String(ttl)}.`);
  return new Date(clock.now() + Math.min(Math.ceil(ttl), MAX_TTL_SECONDS) * 1000);
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw invalid(`A page holds a whole number of entries, at least 1; got ${String(limit)}.`);
  return Math.min(limit, MAX_PAGE);
}

const parse = (text: string): unknown => JSON.parse(text) as unknown;

export function createSqlKeyValueStore(db: SqlDb, clock: Clock = systemClock): SqlKeyValueStore {
  let lastSweep = clock.now();
  const now = (): Date => new Date(clock.now());

  const sweepBatch = async (): Promise<number> => {
    const result = await db.query(
      'DELETE FROM kv_entries WHERE key IN (SELECT key FROM kv_entries WHERE expires_at <= $1 LIMIT $2)',
      [now(), SWEEP_BATCH],
    );
    return result.rowCount;
  };
  const sweepNowAndThen = async (): Promise<void> => {
    if (clock.now() - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = clock.now();
    await sweepBatch();
  };

  return {
    get: (key) =>
      sqlGuarded('read', async () => {
        const { rows } = await db.query(
          'SELECT value::text AS value, (expires_at IS NOT NULL AND expires_at <= $2) AS expired FROM kv_entries WHERE key = $1',
          [checkKey(key), now()],
        );
        const row = rows[0] === undefined ? undefined : valueRow.parse(rows[0]);
        if (row === undefined) return undefined;
        if (!row.expired) return parse(row.value);
        // The condition keeps a value written again since the read.
        await db.query('DELETE FROM kv_entries WHERE key = $1 AND expires_at <= $2', [key, now()]);
        return undefined;
      }),

    set: (key, value: JsonValue, options) =>
      sqlGuarded('write', async () => {
        const text = toJsonText(value, `key "${checkKey(key)}"`);
        await db.query(
          `INSERT INTO kv_entries (key, value, expires_at, updated_at) VALUES ($1, $2::json, $3, now())
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
          [key, text, expiryOf(clock, key, options)],
        );
        await sweepNowAndThen();
      }),

    delete: (key) =>
      sqlGuarded('delete', async () => {
        await db.query('DELETE FROM kv_entries WHERE key = $1', [checkKey(key)]);
      }),

    setIfAbsent: (key, value, options) =>
      sqlGuarded('create', async () => {
        const text = toJsonText(value, `key "${checkKey(key)}"`);
        // One statement, so PostgreSQL's unique index decides between racing instances; an expired row counts
        // as absent and is overwritten in place.
        const { rows } = await db.query(
          `INSERT INTO kv_entries AS e (key, value, expires_at, updated_at) VALUES ($1, $2::json, $3, now())
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at
           WHERE e.expires_at IS NOT NULL AND e.expires_at <= $4
           RETURNING 1 AS written`,
          [key, text, expiryOf(clock, key, options), now()],
        );
        await sweepNowAndThen();
        return rows.length === 1;
      }),

    listByPrefix: (prefix, options = {}) =>
      sqlGuarded('list', async () => {
        checkText(prefix, 'listing prefix');
        const limit = pageLimit(options.limit);
        const cursor = options.cursor;
        if (cursor !== undefined && !cursor.startsWith(prefix)) {
          throw invalid(`The listing cursor "${cursor}" does not belong to the prefix "${prefix}"; pass back the cursor the previous page returned.`);
        }
        const range = prefixRange(prefix);
        // A range on the primary key rather than LIKE: a prefix may hold % or _, and the range uses the index.
        const params: SqlParam[] = [cursor ?? range.from, prefix, now(), limit + 1];
        const below = range.below === undefined ? '' : `AND key < $${params.push(range.below)}`;
        const { rows } = await db.query(
          `SELECT key, value::text AS value FROM kv_entries
           WHERE key ${cursor === undefined ? '>=' : '>'} $1 ${below} AND starts_with(key, $2) AND (expires_at IS NULL OR expires_at > $3)
           ORDER BY key LIMIT $4`,
          params,
        );
        const page = rows.slice(0, limit).map((row): StoredEntry => {
          const { key, value } = entryRow.parse(row);
          return { key, value: parse(value) };
        });
        const last = page[page.length - 1];
        return rows.length > limit && last !== undefined ? { entries: page, cursor: last.key } : { entries: page };
      }),

    sweepExpired: () =>
      sqlGuarded('sweep', async () => {
        lastSweep = clock.now();
        let total = 0;
        for (let swept = await sweepBatch(); swept > 0; swept = await sweepBatch()) total += swept;
        return total;
      }),
  };
}
