/**
 * The storage half of the service's engines, assembled in the order that loses nothing: the key is found before
 * the schema is touched (a missing or malformed key refuses the start with nothing written; ./secret-key-file.ts
 * creates one only for a database that has never held a secret), then the schema is migrated, then the key is
 * checked against the database's.
 */
import type { SqlDb } from '../adapters/sql/db';
import { createSqlKeyValueStore, type SqlKeyValueStore } from '../adapters/sql/kv-store';
import { migrateSchema } from '../adapters/sql/schema';
import { createSqlSecretStore } from '../adapters/sql/secret-store';
import type { Clock } from '../ports/clock';
import type { StorageEngines } from './engines';
import { resolveSecretKey, type KeySourceOptions } from './secret-key-file';

export interface StorageOptions extends KeySourceOptions {
  clock?: Clock;
}

export async function openStorageEngines(
  db: SqlDb,
  options: StorageOptions,
): Promise<StorageEngines & { kv: SqlKeyValueStore }> {
  const key = await resolveSecretKey(db, options);
  await migrateSchema(db);
  const secrets = await createSqlSecretStore(db, key);
  return { kv: createSqlKeyValueStore(db, options.clock), secrets };
}
