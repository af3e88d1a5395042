/**
 * No token or key is readable in the database's files: tokens are written through the secret store on a PGlite
 * data directory, the engine is closed, and every file under the directory is searched for each token as text,
 * base64 and hex, and for the key itself. A value written as plain data is searched the same way and must be
 * found, which shows the search would see a token stored in the clear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { loadSecretKey } from '../../src/adapters/sql/secret-key';
import { createSqlSecretStore } from '../../src/adapters/sql/secret-store';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The forms a secret could take in a file: as written, and the encodings a careless store might use. */
const formsOf = (secret: string): Buffer[] => [
  Buffer.from(secret, 'utf8'),
  Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'utf8'),
  Buffer.from(Buffer.from(secret, 'utf8').toString('hex'), 'utf8'),
];

async function filesHolding(dir: string, needles: Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    const content = await readFile(file);
    if (needles.some((needle) => content.includes(needle))) hits.push(file);
  }
  return hits;
}

describe('secrets at rest in a PGlite data directory', () => {
  let dir: string;
  const keyText = randomBytes(32).toString('base64');
  const tokens = {
    jiraApiToken: `ATATT3xFfGF0${randomBytes(24).toString('hex')}`,
    oauthRefresh: `refresh-${randomBytes(24).toString('hex')}`,
    webhookCode: `${randomBytes(12).toString('hex')}webhook`,
  };
  const plainMarker = `plain-marker-${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-at-rest-'));
    const db = await openDatabase({ dataDir: dir });
    await migrateSchema(db);
    const secrets = await createSqlSecretStore(db, loadSecretKey({ SYNC_SECRET_KEY: keyText }));
    await secrets.set('jira-credentials', { email: 'bot@example.com', apiToken: tokens.jiraApiToken });
    await secrets.set('jira-oauth', { refreshToken: tokens.oauthRefresh });
    await secrets.set('b24-credentials', {
      mode: 'webhook',
      url: `https://portal.example.ru/rest/1/${tokens.webhookCode}/`,
    });
    await createSqlKeyValueStore(db).set('plain:control', { note: plainMarker });
    await db.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds a value stored in the clear, so the search itself works', async () => {
    expect((await filesHolding(dir, formsOf(plainMarker))).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(tokens))('finds the token %s in no file, as text, base64 or hex', async (_name, token) => {
    await expect(filesHolding(dir, formsOf(token))).resolves.toEqual([]);
  });

  it('finds the key in no file, neither its text nor its bytes', async () => {
    const key = Buffer.from(keyText, 'base64');
    await expect(filesHolding(dir, [Buffer.from(keyText), key, Buffer.from(key.toString('hex'))])).resolves.toEqual([]);
  });

  it('reads the tokens back with the key after a restart, and refuses a start without it', async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrateSchema(db);
      const secrets = await createSqlSecretStore(db, loadSecretKey({ SYNC_SECRET_KEY: keyText }));
      await expect(secrets.get('jira-credentials')).resolves.toEqual({
        email: 'bot@example.com',
        apiToken: tokens.jiraApiToken,
      });
      expect(() => loadSecretKey({})).toThrow(/^No secret key is configured.*openssl rand -base64 32/);
      await expect(
        createSqlSecretStore(db, loadSecretKey({ SYNC_SECRET_KEY: randomBytes(32).toString('hex') })),
      ).rejects.toThrow(
        /^The secret key from SYNC_SECRET_KEY \(id k1-[0-9a-f]{16}\) is not the key this database's secrets were encrypted with/,
      );
    } finally {
      await db.close();
    }
  });
});
