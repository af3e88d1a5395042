/**
 * KeyValueStore on one SQL table (`kv_entries`). Unlike Forge's `query`, listing here is strongly consistent: a
 * committed write is in the next page read by any instance. Expiry uses the injected clock, so simulated time in
 * tests and the sandbox expires entries as it does on Forge; expired rows are never returned and are swept.
 */
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { JsonValue, KeyValueStore, SetOptions, StoredEntry } from '../../ports/store';
import type { SqlDb, SqlParam } from './db';
import { sqlGuarded } from './errors';
import { toJsonText } from './json-text';
import { checkKey, checkText, expiryOf, invalid, pageLimit } from './kv-rules';
import { prefixRange } from './prefix-range';

export { MAX_KEY_LENGTH, MAX_PAGE, checkKey } from './kv-rules';

/** At most one sweep a minute per instance, bounded, so no single write pays for a large backlog. */
const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

export interface SqlKeyValueStore extends KeyValueStore {
  /** Deletes expired rows (bounded batches until none is left); returns how many. */
  sweepExpired(): Promise<number>;
}

const entryRow = z.object({ key: z.string(), value: z.string() });
const valueRow = z.object({ value: z.string(), expired: z.boolean() });

const systemClock: Clock = { now: () => Date.now() };

const parse = (text: string): unknown => JSON.parse(text) as unknown;

const UPSERT = `INSERT INTO kv_entries AS e (key, value, expires_at, updated_at) VALUES ($1, $2::json, $3, now())
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`;

class SqlKv implements SqlKeyValueStore {
  private lastSweep: number;

  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {
    this.lastSweep = clock.now();
  }

  get(key: string): Promise<unknown> {
    return sqlGuarded('read', async () => {
      const { rows } = await this.db.query(
        'SELECT value::text AS value, (expires_at IS NOT NULL AND expires_at <= $2) AS expired FROM kv_entries WHERE key = $1',
        [checkKey(key), this.now()],
      );
      const row = rows[0] === undefined ? undefined : valueRow.parse(rows[0]);
      if (row === undefined) return undefined;
      if (!row.expired) return parse(row.value);
      // The condition keeps a value written again since the read.
      await this.db.query('DELETE FROM kv_entries WHERE key = $1 AND expires_at <= $2', [key, this.now()]);
      return undefined;
    });
  }

  set(key: string, value: JsonValue, options?: SetOptions): Promise<void> {
    return sqlGuarded('write', async () => {
      const text = toJsonText(value, `key "${checkKey(key)}"`);
      await this.db.query(UPSERT, [key, text, expiryOf(this.clock, key, options)]);
      await this.sweepNowAndThen();
    });
  }

  delete(key: string): Promise<void> {
    return sqlGuarded('delete', async () => {
      await this.db.query('DELETE FROM kv_entries WHERE key = $1', [checkKey(key)]);
    });
  }

  setIfAbsent(key: string, value: JsonValue, options?: SetOptions): Promise<boolean> {
    return sqlGuarded('create', async () => {
      const text = toJsonText(value, `key "${checkKey(key)}"`);
      // One statement, so PostgreSQL's unique index decides between racing instances; an expired row counts as
      // absent and is overwritten in place.
      const { rows } = await this.db.query(
        `${UPSERT} WHERE e.expires_at IS NOT NULL AND e.expires_at <= $4 RETURNING 1 AS written`,
        [key, text, expiryOf(this.clock, key, options), this.now()],
      );
      await this.sweepNowAndThen();
      return rows.length === 1;
    });
  }

  listByPrefix(
    prefix: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ entries: StoredEntry[]; cursor?: string }> {
    return sqlGuarded('list', async () => {
      checkText(prefix, 'listing prefix');
      const limit = pageLimit(options.limit);
      const cursor = options.cursor;
      if (cursor !== undefined && !cursor.startsWith(prefix)) {
        throw invalid(
          `The listing cursor "${cursor}" does not belong to the prefix "${prefix}"; pass back the cursor the previous page returned.`,
        );
      }
      const range = prefixRange(prefix);
      // A range on the primary key rather than LIKE: a prefix may hold % or _, and the range uses the index.
      const params: SqlParam[] = [cursor ?? range.from, prefix, this.now(), limit + 1];
      const below = range.below === undefined ? '' : `AND key < $${params.push(range.below)}`;
      const { rows } = await this.db.query(
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
    });
  }

  sweepExpired(): Promise<number> {
    return sqlGuarded('sweep', async () => {
      this.lastSweep = this.clock.now();
      let total = 0;
      for (let swept = await this.sweepBatch(); swept > 0; swept = await this.sweepBatch()) total += swept;
      return total;
    });
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  private async sweepBatch(): Promise<number> {
    const result = await this.db.query(
      'DELETE FROM kv_entries WHERE key IN (SELECT key FROM kv_entries WHERE expires_at <= $1 LIMIT $2)',
      [this.now(), SWEEP_BATCH],
    );
    return result.rowCount;
  }

  private async sweepNowAndThen(): Promise<void> {
    if (this.clock.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = this.clock.now();
    await this.sweepBatch();
  }
}

export function createSqlKeyValueStore(db: SqlDb, clock: Clock = systemClock): SqlKeyValueStore {
  return new SqlKv(db, clock);
}
