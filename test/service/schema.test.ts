/**
 * Schema migrations at start: once per database, in order, idempotent, transactional, and safe when several
 * instances start at the same moment (on PostgreSQL, each from its own connection pool).
 */
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { MIGRATIONS, migrateSchema, type Migration } from '../../src/adapters/sql/schema';
import { TEST_DATABASE_URL, openPostgresSchema } from './storage-targets';

const tables = async (db: SqlDb): Promise<string[]> =>
  (
    await db.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1',
    )
  ).rows.map((r) => r.name);

const versions = async (db: SqlDb): Promise<number[]> =>
  (await db.query<{ version: unknown }>('SELECT version FROM schema_version ORDER BY version')).rows.map((r) =>
    Number(r.version),
  );

const extra: Migration = {
  version: 2,
  name: 'a later release',
  statements: ['CREATE TABLE later_table (id integer PRIMARY KEY)'],
};

describe('migrateSchema on PGlite', () => {
  let db: SqlDb;
  let fresh = 0;
  // One engine (it takes seconds to start); each case gets an empty schema of its own on its one connection.
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
  });
  beforeEach(async () => {
    fresh += 1;
    await db.exec(`CREATE SCHEMA case_${fresh}; SET search_path TO case_${fresh}`);
  });
  afterAll(() => db.close());

  it('creates the tables on a fresh database and records each version once', async () => {
    await expect(migrateSchema(db)).resolves.toEqual([1]);
    expect(await tables(db)).toEqual(['kv_entries', 'schema_version', 'secret_key_checks', 'secrets']);
    expect(await versions(db)).toEqual([1]);
  });

  it('does nothing on a database that is already current', async () => {
    await migrateSchema(db);
    await db.query("INSERT INTO kv_entries (key, value) VALUES ('kept', '1')");
    await expect(migrateSchema(db)).resolves.toEqual([]);
    expect((await db.query('SELECT key FROM kv_entries')).rows).toEqual([{ key: 'kept' }]);
  });

  it('applies only what a later release adds', async () => {
    await migrateSchema(db);
    await expect(migrateSchema(db, [...MIGRATIONS, extra])).resolves.toEqual([2]);
    expect(await versions(db)).toEqual([1, 2]);
    expect(await tables(db)).toContain('later_table');
  });

  it('rolls back a migration that fails, leaving the schema as it was', async () => {
    await migrateSchema(db);
    const broken: Migration = {
      version: 2,
      name: 'broken',
      statements: ['CREATE TABLE half_done (id integer)', 'CREATE TABLE oops ('],
    };
    await expect(migrateSchema(db, [...MIGRATIONS, broken])).rejects.toMatchObject({ code: 'sql:42601' });
    expect(await versions(db)).toEqual([1]);
    expect(await tables(db)).not.toContain('half_done');
  });

  it('refuses to start on a database a newer release has upgraded', async () => {
    await migrateSchema(db, [...MIGRATIONS, extra]);
    await expect(migrateSchema(db)).rejects.toThrow(
      'The database has schema version 2, newer than this version of the service knows (1): it was upgraded by a newer release. Run that release (or newer), or restore a backup taken before the upgrade.',
    );
  });

  it('migrates once when two starts overlap', async () => {
    const applied = await Promise.all([migrateSchema(db), migrateSchema(db)]);
    expect(applied.flat()).toEqual([1]);
  });
});

const onPostgres = TEST_DATABASE_URL === undefined ? describe.skip : describe;
if (TEST_DATABASE_URL === undefined)
  console.warn('schema migrations: PostgreSQL skipped because TEST_DATABASE_URL is not set.');

onPostgres('migrateSchema on PostgreSQL (skipped without TEST_DATABASE_URL)', () => {
  it('migrates once when four instances start at the same moment, each on its own pool', async () => {
    const schema = await openPostgresSchema(TEST_DATABASE_URL ?? '');
    const instances = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ url: schema.url, poolSize: 2 })));
    try {
      const applied = await Promise.all(instances.map((db) => migrateSchema(db)));
      expect(applied.flat()).toEqual([1]);
      expect(await versions(instances[0] as SqlDb)).toEqual([1]);
    } finally {
      for (const db of instances) await db.close();
      await schema.drop();
    }
  });
});
