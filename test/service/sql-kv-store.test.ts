/**
 * What only the SQL key-value store promises, beyond the shared specification: it refuses what JSON or
 * PostgreSQL text cannot hold (and writes nothing), stores the text as written, and sweeps expired rows.
 */
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore, type SqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { ManualClock } from '../../src/local/contracts';
import type { JsonValue } from '../../src/ports/store';

let db: SqlDb;
let clock: ManualClock;
let kv: SqlKeyValueStore;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrateSchema(db);
});
beforeEach(async () => {
  await db.query('DELETE FROM kv_entries');
  clock = new ManualClock();
  kv = createSqlKeyValueStore(db, clock);
});
afterAll(() => db.close());

const rowCount = async (): Promise<number> =>
  Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM kv_entries')).rows[0]?.n);

describe('refusals', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  it.each([
    ['NaN', { n: Number.NaN }, /value at \$\.n is NaN/],
    ['Infinity', [1, Number.POSITIVE_INFINITY], /value at \$\[1\] is Infinity/],
    ['a Date', { at: new Date(0) }, /value at \$\.at is a Date, not a plain object/],
    ['a BigInt', { big: BigInt(1) }, /value at \$\.big is of type bigint/],
    ['a cycle', cyclic, /value at \$\.self refers back to itself/],
    ['a hole in an array', [1, , 3], /value at \$\[1\] is missing/],
    ['undefined in an array', [undefined], /value at \$\[0\] is missing/],
    ['undefined itself', undefined, /value at \$ is of type undefined/],
    ['a function', { f: () => 1 }, /value at \$\.f is of type function/],
  ])('refuses %s, naming the key and the path, and writes nothing', async (_what, value, message) => {
    for (const write of [() => kv.set('bad', value as JsonValue), () => kv.setIfAbsent('bad', value as JsonValue)]) {
      await expect(write()).rejects.toMatchObject({
        retryable: false,
        reason: 'validation',
        message: expect.stringMatching(message) as unknown,
      });
      await expect(write()).rejects.toThrow(/Cannot store key "bad"/);
    }
    expect(await rowCount()).toBe(0);
  });

  it.each([
    ['an empty key', '', /non-empty string/],
    ['a key over 500 characters', 'k'.repeat(501), /longer than 500 characters/],
    ['a NUL character', 'a\u0000b', /NUL character/],
    ['a lone surrogate', 'a\ud800b', /lone UTF-16 surrogate/],
  ])('refuses %s as a key', async (_what, key, message) => {
    await expect(kv.set(key, 1)).rejects.toMatchObject({
      reason: 'validation',
      message: expect.stringMatching(message) as unknown,
    });
    await expect(kv.get(key)).rejects.toMatchObject({ reason: 'validation' });
    expect(await rowCount()).toBe(0);
  });

  it('accepts a key of exactly 500 characters', async () => {
    await kv.set('k'.repeat(500), 1);
    await expect(kv.get('k'.repeat(500))).resolves.toBe(1);
  });

  it('refuses a time to live that is not a positive number of seconds', async () => {
    await expect(kv.set('t', 1, { ttlSeconds: 0 })).rejects.toThrow(/positive number of seconds, not 0/);
    await expect(kv.setIfAbsent('t', 1, { ttlSeconds: Number.NaN })).rejects.toThrow(/not NaN/);
    expect(await rowCount()).toBe(0);
  });

  it('refuses a cursor of another prefix and a page size that is not a whole positive number', async () => {
    await kv.set('a:1', 1);
    await expect(kv.listByPrefix('a:', { cursor: 'b:1' })).rejects.toThrow(
      /cursor "b:1" does not belong to the prefix "a:"/,
    );
    await expect(kv.listByPrefix('a:', { limit: 0 })).rejects.toThrow(/at least 1; got 0/);
    await expect(kv.listByPrefix('a:', { limit: 2.5 })).rejects.toThrow(/got 2.5/);
  });
});

describe('storage', () => {
  it('keeps the JSON text as written, including escapes jsonb would refuse', async () => {
    const value = { zeta: 'nul \u0000 here', alpha: ['\ud800 lone'] };
    await kv.set('text', value);
    const { rows } = await db.query<{ value: unknown }>(
      "SELECT value::text AS value FROM kv_entries WHERE key = 'text'",
    );
    expect(rows[0]?.value).toBe(JSON.stringify(value));
    await expect(kv.get('text')).resolves.toEqual(value);
  });

  it('caps a time to live at one year, as Forge does', async () => {
    await kv.set('long', 1, { ttlSeconds: 10 * 365 * 24 * 3600 });
    clock.advance(366 * 24 * 3600 * 1000);
    await expect(kv.get('long')).resolves.toBeUndefined();
  });
});

describe('expired rows', () => {
  it('are deleted when read', async () => {
    await kv.set('gone', 1, { ttlSeconds: 1 });
    clock.advance(1_000);
    await expect(kv.get('gone')).resolves.toBeUndefined();
    expect(await rowCount()).toBe(0);
  });

  it('are swept on demand, keeping live ones', async () => {
    for (let i = 0; i < 7; i += 1) await kv.set(`old:${i}`, i, { ttlSeconds: 10 });
    await kv.set('live', 1, { ttlSeconds: 100 });
    await kv.set('forever', 1);
    clock.advance(11_000);
    await expect(kv.sweepExpired()).resolves.toBe(7);
    expect(await rowCount()).toBe(2);
  });

  it('are swept by writes at most once a minute', async () => {
    await kv.set('old', 1, { ttlSeconds: 1 });
    clock.advance(2_000);
    await kv.set('a', 1);
    expect(await rowCount()).toBe(2);
    clock.advance(60_000);
    await kv.set('b', 1);
    expect(await rowCount()).toBe(2);
    await expect(kv.get('old')).resolves.toBeUndefined();
  });
});
