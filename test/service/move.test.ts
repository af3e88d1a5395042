/**
 * Moving an install off the embedded database: everything the service keeps, and every job it still owes, lands
 * in the target exactly as it was, the target's service reads the moved secrets with the same key, and a target
 * that already holds data is refused before anything is written. Runs into a second PGlite always, and into
 * PostgreSQL where TEST_DATABASE_URL names one (as .ci/run sets it).
 */
import { randomBytes } from 'node:crypto';
import { startJobEngine } from '../../src/adapters/pgboss/engine';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { SecretKey } from '../../src/adapters/sql/secret-key';
import { createSqlSecretStore } from '../../src/adapters/sql/secret-store';
import { moveDatabase } from '../../src/service/move';
import { silentLog, until } from './pgboss/support';
import { openPostgresSchema, TEST_DATABASE_URL } from './storage-targets';

jest.setTimeout(60_000);

const key = new SecretKey(randomBytes(32), 'SYNC_SECRET_KEY');
const FAST = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, log: silentLog };
/** Text the database keeps as written: integer-like keys in their order, an escape, a number past 2^53. */
const EXACT_JSON = '{"b":1,"10":2,"note":"caf\\u00e9","big":12345678901234567890}';

/** An install with settings, a secret, a job due in an hour and a job that gave up. */
async function populatedSource(): Promise<SqlDb> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrateSchema(db);
  const kv = createSqlKeyValueStore(db);
  for (let i = 0; i < 1203; i += 1) await kv.set(`journal:${String(i).padStart(5, '0')}`, { n: i, text: 'ü' });
  await kv.set('config', { projectKey: 'PRJ', groupId: '7' });
  await db.query(`INSERT INTO kv_entries (key, value) VALUES ('exact', $1::json)`, [EXACT_JSON]);
  await (await createSqlSecretStore(db, key)).set('b24:webhook', 'https://portal.example/rest/1/s3cr3t/');
  const jobs = await startJobEngine(db, FAST);
  await jobs.queue('sync').push([{ kind: 'task-changed', taskId: '41' }], { delaySeconds: 3600 });
  await jobs.work('migration', () => Promise.resolve({ kind: 'dead', reason: 'Jira refused the project' }));
  await jobs.queue('migration').push([{ kind: 'migration-page', projectKey: 'PRJ', page: 2 }]);
  await until(async () => (await jobs.deadLetters(10)).length === 1, 15_000);
  await jobs.stop({ timeoutMs: 1000 });
  return db;
}

interface Target {
  db: SqlDb;
  bossSchema: string;
  drop(): Promise<void>;
}

const targets: [string, () => Promise<Target>][] = [
  [
    'a second PGlite',
    async () => ({
      db: await openDatabase({ dataDir: 'memory://' }),
      bossSchema: 'pgboss',
      drop: () => Promise.resolve(),
    }),
  ],
];
const postgresUrl = TEST_DATABASE_URL;
if (postgresUrl)
  targets.push([
    'PostgreSQL',
    async () => {
      const schema = await openPostgresSchema(postgresUrl);
      const db = await openDatabase({ url: schema.url, poolSize: 4 });
      const bossSchema = `boss_${randomBytes(6).toString('hex')}`;
      return {
        db,
        bossSchema,
        drop: async () => {
          await db.exec(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
          await db.close();
          await schema.drop();
        },
      };
    },
  ]);
else console.warn('moving into PostgreSQL: skipped, TEST_DATABASE_URL is not set (PGlite to PGlite still runs)');

describe.each(targets)('moving the embedded database into %s', (_name, openTarget) => {
  let source: SqlDb;
  let target: Target;
  beforeAll(async () => {
    source = await populatedSource();
  });
  afterAll(() => source.close());
  beforeEach(async () => {
    target = await openTarget();
  });
  afterEach(() => target.drop());

  it('copies every entry, secret and owed job, and the target reads them with the same key', async () => {
    const report = await moveDatabase(source, target.db, { log: silentLog, bossSchema: target.bossSchema });
    expect(report).toEqual({ entries: 1205, secrets: 1, keyChecks: 1, jobs: 1, deadLetters: 1 });

    const kv = createSqlKeyValueStore(target.db);
    expect(await kv.get('config')).toEqual({ projectKey: 'PRJ', groupId: '7' });
    expect(await kv.get('journal:01202')).toEqual({ n: 1202, text: 'ü' });
    const exact = await target.db.query<{ value: string }>(
      `SELECT value::text AS value FROM kv_entries WHERE key = 'exact'`,
    );
    expect(exact.rows[0]?.value).toBe(EXACT_JSON);
    expect(await (await createSqlSecretStore(target.db, key)).get('b24:webhook')).toBe(
      'https://portal.example/rest/1/s3cr3t/',
    );

    const jobs = await startJobEngine(target.db, { ...FAST, schema: target.bossSchema });
    try {
      expect((await jobs.deadLetters(10)).map((d) => [d.queue, d.reason])).toEqual([
        ['migration', 'Jira refused the project'],
      ]);
      expect((await jobs.stats()).find((s) => s.queue === 'sync')).toMatchObject({ queued: 1, active: 0 });
    } finally {
      await jobs.stop({ timeoutMs: 0 });
    }
  });

  it('refuses a target that already holds service data, and writes nothing to it', async () => {
    await migrateSchema(target.db);
    await createSqlKeyValueStore(target.db).set('config', { projectKey: 'OTHER' });
    await expect(moveDatabase(source, target.db, { log: silentLog, bossSchema: target.bossSchema })).rejects.toThrow(
      'The target database already holds service data (1 rows in kv_entries): move into an empty database',
    );
    const { rows } = await target.db.query<{ n: string }>('SELECT count(*)::text AS n FROM kv_entries');
    expect(rows[0]?.n).toBe('1');
  });

  it('refuses an empty source with the variable to check', async () => {
    const empty = await openDatabase({ dataDir: 'memory://' });
    try {
      await expect(moveDatabase(empty, target.db, { log: silentLog })).rejects.toThrow('check SYNC_DATA_DIR');
    } finally {
      await empty.close();
    }
  });
});
