/**
 * The storage half of the service's engines, assembled in the order that loses nothing: the key is loaded before
 * the database is touched (a missing or malformed key refuses the start with nothing written), then the schema is
 * migrated, then the key is checked against the database's.
 */
import type { SqlDb } from '../adapters/sql/db';
import { createSqlKeyValueStore, type SqlKeyValueStore } from '../adapters/sql/kv-store';
import { migrateSchema } from '../adapters/sql/schema';
import { loadSecretKey } from '../adapters/sql/secret-key';
import { createSqlSecretStore } from '../adapters/sql/secret-store';
import type { Clock } from '../ports/clock';
import type { StorageEngines } from './engines';

export interface StorageOptions {
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Reads SYNC_SECRET_KEY_FILE; the file system by default. */
  readFile?: (path: string) => string;
}

export async function openStorageEngines(
  db: SqlDb,
  options: StorageOptions,
): Promise<StorageEngines & { kv: SqlKeyValueStore }> {
  const key = loadSecretKey(options.env, options.readFile);
  await migrateSchema(db);
  const secrets = await createSqlSecretStore(db, key);
  return { kv: createSqlKeyValueStore(db, options.clock), secrets };
}
