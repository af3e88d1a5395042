/**
 * Secrets sealed with AES-256-GCM under the configured key: a fresh IV per write, the name bound into each
 * ciphertext, and a start with the wrong key refused with a sentence rather than failing at the first read.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { SecretKey } from '../../src/adapters/sql/secret-key';
import { createSqlSecretStore } from '../../src/adapters/sql/secret-store';
import { TEST_DATABASE_URL, openPostgresSchema } from './storage-targets';

const keyA = new SecretKey(randomBytes(32), 'SYNC_SECRET_KEY');
const keyB = new SecretKey(randomBytes(32), 'SYNC_SECRET_KEY');

let db: SqlDb;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrateSchema(db);
});
beforeEach(async () => {
  await db.exec('DELETE FROM secrets; DELETE FROM secret_key_checks');
});
afterAll(() => db.close());

const rawRow = async (name: string) =>
  (
    await db.query<{ key_id: string; iv: Uint8Array; ciphertext: Uint8Array }>(
      'SELECT key_id, iv, ciphertext FROM secrets WHERE name = $1',
      [name],
    )
  ).rows[0];

describe('the secret store', () => {
  it('gives back what was stored, and nothing once deleted', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await expect(secrets.get('jira-token')).resolves.toBeUndefined();
    await secrets.set('jira-token', { email: 'bot@example.com', token: 'ATATT3x' });
    await expect(secrets.get('jira-token')).resolves.toEqual({ email: 'bot@example.com', token: 'ATATT3x' });
    await secrets.delete('jira-token');
    await expect(secrets.get('jira-token')).resolves.toBeUndefined();
  });

  it('seals each write with a fresh 12-byte IV and records the key id beside it', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await secrets.set('same', 'value');
    const first = await rawRow('same');
    await secrets.set('same', 'value');
    const second = await rawRow('same');
    expect(first?.iv).toHaveLength(12);
    expect(Buffer.from(first?.iv ?? []).equals(Buffer.from(second?.iv ?? []))).toBe(false);
    expect(Buffer.from(first?.ciphertext ?? []).equals(Buffer.from(second?.ciphertext ?? []))).toBe(false);
    expect(second?.key_id).toBe(keyA.id);
  });

  it('refuses to open a ciphertext moved onto another name', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await secrets.set('b24-credentials', { webhook: 'https://portal.example/rest/1/abc/' });
    await secrets.set('jira-token', 'low-value');
    await db.query("DELETE FROM secrets WHERE name = 'jira-token'");
    await db.query("UPDATE secrets SET name = 'jira-token' WHERE name = 'b24-credentials'");
    await expect(secrets.get('jira-token')).rejects.toThrow(
      'The stored secret "jira-token" does not decrypt with the configured key: it was altered or copied from another name. Store it again.',
    );
  });

  it('refuses a ciphertext altered by one byte', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await secrets.set('token', 'abcdef');
    await db.query(
      "UPDATE secrets SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE name = 'token'",
    );
    await expect(secrets.get('token')).rejects.toMatchObject({ code: 'secret-key:tampered', retryable: false });
  });

  it('refuses to start with another key than the one the database was first started with', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await secrets.set('token', 'abcdef');
    await expect(createSqlSecretStore(db, keyB)).rejects.toThrow(
      `The secret key from SYNC_SECRET_KEY (id ${keyB.id}) is not the key this database's secrets were encrypted with (id ${keyA.id}). Set SYNC_SECRET_KEY or SYNC_SECRET_KEY_FILE to the key used when the data was created; a new key cannot read the stored tokens.`,
    );
    await expect((await createSqlSecretStore(db, keyA)).get('token')).resolves.toBe('abcdef');
  });

  it('refuses to start when the key check does not open, even under a matching id', async () => {
    await createSqlSecretStore(db, keyA);
    await db.query('UPDATE secret_key_checks SET auth_tag = $1', [randomBytes(16)]);
    await expect(createSqlSecretStore(db, keyA)).rejects.toMatchObject({ code: 'secret-key:wrong' });
  });

  it('refuses values that are not JSON, before writing anything', async () => {
    const secrets = await createSqlSecretStore(db, keyA);
    await expect(secrets.set('token', { n: Number.NaN })).rejects.toThrow(
      'Cannot store secret "token": the value at $.n is NaN',
    );
    await expect(rawRow('token')).resolves.toBeUndefined();
  });
});

const onPostgres = TEST_DATABASE_URL === undefined ? describe.skip : describe;
if (TEST_DATABASE_URL === undefined)
  console.warn('secret store: PostgreSQL skipped because TEST_DATABASE_URL is not set.');

onPostgres('the secret store on PostgreSQL (skipped without TEST_DATABASE_URL)', () => {
  it('lets only one of two first starts with different keys through', async () => {
    const schema = await openPostgresSchema(TEST_DATABASE_URL ?? '');
    const [one, two] = [await openDatabase({ url: schema.url }), await openDatabase({ url: schema.url })];
    try {
      await migrateSchema(one);
      const outcomes = await Promise.allSettled([createSqlSecretStore(one, keyA), createSqlSecretStore(two, keyB)]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'secret-key:wrong' } });
    } finally {
      await one.close();
      await two.close();
      await schema.drop();
    }
  });
});
