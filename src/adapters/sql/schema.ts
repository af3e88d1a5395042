/**
 * The service's tables, created and upgraded at start. Each migration runs once per database, in order, inside
 * one transaction that first takes a PostgreSQL advisory lock: instances starting together queue on the lock, and
 * the first one applies what is missing while the others then find nothing to do. DDL is transactional in
 * PostgreSQL, so a failed start leaves the schema as it was.
 *
 * pg-boss keeps its own tables in its own schema (`pgboss`) and migrates them itself; nothing here touches it.
 */
import { PermanentError } from '../../core/errors';
import type { SqlDb, SqlRunner } from './db';
import { sqlGuarded } from './errors';

export interface Migration {
  version: number;
  name: string;
  /** One statement each: the extended query protocol (parameters, PGlite's `query`) takes one at a time. */
  statements: readonly string[];
}

/** Appended to, never edited: a database that ran version N must end up where a fresh one does. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'key-value entries, encrypted secrets and the secret key check',
    // `json`, not `jsonb`: it keeps the text as written (key order, \u0000 escapes), as Forge's storage hands a
    // value back. COLLATE "C" makes key order bytewise, so a prefix is one contiguous range of the primary key.
    statements: [
      `CREATE TABLE kv_entries (
        key text COLLATE "C" PRIMARY KEY,
        value json NOT NULL,
        expires_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX kv_entries_expiry ON kv_entries (expires_at) WHERE expires_at IS NOT NULL',
      `CREATE TABLE secrets (
        name text COLLATE "C" PRIMARY KEY,
        key_id text NOT NULL,
        iv bytea NOT NULL,
        ciphertext bytea NOT NULL,
        auth_tag bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE secret_key_checks (
        key_id text PRIMARY KEY,
        iv bytea NOT NULL,
        ciphertext bytea NOT NULL,
        auth_tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

/** One number for the whole service, apart from pg-boss's own locks (which hash its schema name). */
export const SCHEMA_LOCK_ID = 7_242_240_001;

async function appliedVersions(tx: SqlRunner): Promise<number[]> {
  await tx.query(`CREATE TABLE IF NOT EXISTS schema_version (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await tx.query<{ version: unknown }>('SELECT version FROM schema_version ORDER BY version');
  return rows.map((row) => Number(row.version));
}

/** Applies the migrations this database lacks; returns the versions it applied (none when already current). */
export async function migrateSchema(db: SqlDb, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  return sqlGuarded('schema migration', () =>
    db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_ID]);
      const applied = new Set(await appliedVersions(tx));
      const newest = Math.max(0, ...applied);
      if (newest > known) {
        throw new PermanentError(
          'validation',
          `The database has schema version ${newest}, newer than this version of the service knows (${known}): it was upgraded by a newer release. Run that release (or newer), or restore a backup taken before the upgrade.`,
          { code: 'sql:schema-too-new' },
        );
      }
      const missing = migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
      for (const migration of missing) {
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      return missing.map((m) => m.version);
    }),
  );
}
