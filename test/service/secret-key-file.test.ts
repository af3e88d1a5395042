/**
 * The key on a brand-new install and after: created once, beside the data and never in it, when the database has
 * never held a secret; refused with a sentence when the database has secrets and the key is missing or another.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { serviceLogger } from '../../src/service/compose';
import { openStorageEngines } from '../../src/service/storage';

let db: SqlDb;
let dir: string;
let lines: string[];
const log = () => serviceLogger({ level: 'info', sink: (line) => lines.push(line) });

beforeEach(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  dir = mkdtempSync(path.join(tmpdir(), 'svc-key-'));
  lines = [];
});
afterEach(() => db.close());

const tables = async (): Promise<string[]> =>
  (
    await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name);

describe('the secret key of a new install', () => {
  it('is created at the default path with mode 0600 when nothing is configured, and logged once without its bytes', async () => {
    const keyFile = path.join(dir, 'sync-secret.key');
    const engines = await openStorageEngines(db, { env: {}, defaultKeyFile: keyFile, log: log() });
    await engines.secrets.set('jira-credentials', 'token');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(keyFile, 'utf8').trim();
    expect(Buffer.from(keyText, 'base64')).toHaveLength(32);
    expect(lines.filter((line) => line.includes('NEW SECRET KEY'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('back the key file up now, apart from the data'.replace(/^b/, 'B'));
    expect(lines.join('\n')).not.toContain(keyText);

    lines = [];
    const again = await openStorageEngines(db, { env: {}, defaultKeyFile: keyFile, log: log() });
    await expect(again.secrets.get('jira-credentials')).resolves.toBe('token');
    expect(lines).toEqual([]);
  });

  it('is created where SYNC_SECRET_KEY_FILE points, if that file does not exist yet on a new database', async () => {
    const keyFile = path.join(dir, 'keys', 'b24sync.key');
    await openStorageEngines(db, { env: { SYNC_SECRET_KEY_FILE: keyFile }, defaultKeyFile: path.join(dir, 'x') });
    expect(existsSync(keyFile)).toBe(true);
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
  });

  it('is never made when SYNC_SECRET_KEY is set', async () => {
    const keyFile = path.join(dir, 'sync-secret.key');
    await openStorageEngines(db, {
      env: { SYNC_SECRET_KEY: randomBytes(32).toString('hex') },
      defaultKeyFile: keyFile,
    });
    expect(existsSync(keyFile)).toBe(false);
  });
});

describe('the secret key of a database that holds secrets', () => {
  const keyText = randomBytes(32).toString('base64');
  const seed = async () => {
    const engines = await openStorageEngines(db, { env: { SYNC_SECRET_KEY: keyText } });
    await engines.secrets.set('b24-credentials', { url: 'https://portal.example.ru/rest/1/abc/' });
  };

  it('refuses a missing key with a sentence, creating no key file and changing nothing', async () => {
    await seed();
    const before = await tables();
    const keyFile = path.join(dir, 'sync-secret.key');
    await expect(openStorageEngines(db, { env: {}, defaultKeyFile: keyFile })).rejects.toThrow(
      /^No secret key is configured: SYNC_SECRET_KEY is unset and the key file .*sync-secret\.key does not exist, but this database already holds secrets encrypted with a key\. Restore the key file from your backup/,
    );
    expect(existsSync(keyFile)).toBe(false);
    await expect(tables()).resolves.toEqual(before);
  });

  it('refuses a key file holding another key with the wrong-key sentence', async () => {
    await seed();
    const keyFile = path.join(dir, 'sync-secret.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'));
    await expect(openStorageEngines(db, { env: {}, defaultKeyFile: keyFile })).rejects.toThrow(
      /is not the key this database's secrets were encrypted with/,
    );
  });

  it('refuses a missing key even when only the key check was written (a first start that stored nothing yet)', async () => {
    await openStorageEngines(db, { env: { SYNC_SECRET_KEY: keyText } });
    await expect(
      openStorageEngines(db, { env: {}, defaultKeyFile: path.join(dir, 'sync-secret.key') }),
    ).rejects.toMatchObject({ code: 'secret-key:missing' });
  });
});
