/**
 * The engines one storage specification runs on: PGlite in memory and in a data directory, PostgreSQL when
 * TEST_DATABASE_URL names one, and Forge's own KVS as the local platform emulates it (through the real SDK and
 * the Forge adapter), which is what the app was written against.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsImpl } from '@forge/kvs/out/kvs';
import { StorageApi } from '@forge/kvs/out/storage-api';
import { randomBytes } from 'node:crypto';
import { createKeyValueStore, createSecretStore, forgeKvsClient } from '../../src/adapters/forge/kvs-store';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { SecretKey } from '../../src/adapters/sql/secret-key';
import { createSqlSecretStore } from '../../src/adapters/sql/secret-store';
import { ManualClock } from '../../src/local/contracts';
import { KvsService } from '../../src/local/forge/kvs-service';
import { KvsStore } from '../../src/local/forge/kvs-store';
import type { KeyValueStore, SecretStore } from '../../src/ports/store';

export interface OpenedStorage {
  kv: KeyValueStore;
  secrets: SecretStore;
  clock: ManualClock;
  /** The same data through another connection (another instance), where the engine has one. */
  twin(): Promise<KeyValueStore>;
  /** The SQL handle, for engine-specific checks; absent on Forge. */
  sql?: SqlDb;
  /** Forgets every entry, so each case starts empty without paying for a new engine (PGlite takes seconds). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageTarget {
  name: string;
  /** Keys and prefixes may hold any text (%, _, \, non-ASCII); Forge allows only [a-zA-Z0-9:._\s-#]. */
  anyText: boolean;
  /** Two handles really are two connections that can race (not one serialised connection). */
  realConnections: boolean;
  open(): Promise<OpenedStorage>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

async function sqlStorage(
  db: SqlDb,
  twinDb: () => Promise<SqlDb>,
  cleanup: () => Promise<void>,
): Promise<OpenedStorage> {
  await migrateSchema(db);
  const clock = new ManualClock();
  const others: SqlDb[] = [];
  return {
    kv: createSqlKeyValueStore(db, clock),
    secrets: await createSqlSecretStore(db, new SecretKey(randomBytes(32), 'SYNC_SECRET_KEY')),
    clock,
    sql: db,
    reset: async () => {
      await db.exec('DELETE FROM kv_entries; DELETE FROM secrets');
    },
    async twin() {
      const other = await twinDb();
      if (other !== db) others.push(other);
      return createSqlKeyValueStore(other, clock);
    },
    async close() {
      for (const other of others) await other.close();
      await db.close();
      await cleanup();
    },
  };
}

/** A schema of its own per test, so parallel suites on one PostgreSQL database never see each other's rows. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

let schemas = 0;

export async function openPostgresSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `store_test_${process.pid}_${Date.now().toString(36)}_${(schemas += 1)}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  return {
    url: withSearchPath(url, schema),
    async drop() {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export const pgliteMemory: StorageTarget = {
  name: 'PGlite in memory',
  anyText: true,
  realConnections: false,
  async open() {
    const db = await openDatabase({ dataDir: 'memory://' });
    return sqlStorage(
      db,
      () => Promise.resolve(db),
      () => Promise.resolve(),
    );
  },
};

export const pgliteDirectory: StorageTarget = {
  name: 'PGlite in a data directory',
  anyText: true,
  realConnections: false,
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'store-spec-'));
    const db = await openDatabase({ dataDir: dir });
    return sqlStorage(
      db,
      () => Promise.resolve(db),
      () => rm(dir, { recursive: true, force: true }),
    );
  },
};

export const postgres = (url: string): StorageTarget => ({
  name: 'PostgreSQL',
  anyText: true,
  realConnections: true,
  async open() {
    const schema = await openPostgresSchema(url);
    const db = await openDatabase({ url: schema.url, poolSize: 4 });
    return sqlStorage(
      db,
      () => openDatabase({ url: schema.url, poolSize: 4 }),
      () => schema.drop(),
    );
  },
});

export const forgeKvs: StorageTarget = {
  name: 'Forge KVS (local emulation)',
  anyText: false,
  realConnections: false,
  open() {
    const clock = new ManualClock();
    const store = new KvsStore(clock);
    const service = new KvsService(store);
    const client = forgeKvsClient(new KvsImpl(new StorageApi(service.client)));
    const kv = createKeyValueStore(client);
    return Promise.resolve({
      kv,
      secrets: createSecretStore(client),
      clock,
      twin: () => Promise.resolve(kv),
      reset: () => Promise.resolve(store.clear()),
      close: () => Promise.resolve(),
    });
  },
};
