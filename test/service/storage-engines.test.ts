/** The service's storage assembled for the composition root: the key first, so a refusal writes nothing. */
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { openStorageEngines } from '../../src/service/storage';

let db: SqlDb;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
});
afterAll(() => db.close());

const tables = async (): Promise<string[]> =>
  (
    await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name);

describe('openStorageEngines', () => {
  it('refuses a malformed key before it creates a single table', async () => {
    await expect(openStorageEngines(db, { env: { SYNC_SECRET_KEY: 'too-short' } })).rejects.toThrow(
      /^The secret key in SYNC_SECRET_KEY is neither 64 hex digits nor base64 of 32 bytes.*openssl rand -base64 32/,
    );
    await expect(tables()).resolves.toEqual([]);
  });

  it('migrates, checks the key and hands out both stores', async () => {
    const env = { SYNC_SECRET_KEY: randomBytes(32).toString('base64') };
    const engines = await openStorageEngines(db, { env });
    await engines.kv.set('pair:KAN-1', { b24: 1 });
    await engines.secrets.set('jira-credentials', 'token');
    const again = await openStorageEngines(db, { env });
    await expect(again.kv.get('pair:KAN-1')).resolves.toEqual({ b24: 1 });
    await expect(again.secrets.get('jira-credentials')).resolves.toBe('token');
    await expect(
      openStorageEngines(db, { env: { SYNC_SECRET_KEY: randomBytes(32).toString('hex') } }),
    ).rejects.toMatchObject({ code: 'secret-key:wrong' });
  });
});
