/**
 * Backup and restore of the embedded database: a tarball of a stopped PGlite directory restores into a new
 * directory with every entry and secret (readable with the same key), and the commands refuse whatever could
 * lose data: a running database, an existing backup file, a non-empty target.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupPglite,
  postgresBackupCommand,
  postgresRestoreCommand,
  restorePglite,
} from '../../src/adapters/sql/backup';
import { openDatabase } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { SecretKey } from '../../src/adapters/sql/secret-key';
import { createSqlSecretStore } from '../../src/adapters/sql/secret-store';

const key = new SecretKey(randomBytes(32), 'SYNC_SECRET_KEY');
let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'backup-'));
  dataDir = join(root, 'data');
  const db = await openDatabase({ dataDir });
  await migrateSchema(db);
  await createSqlKeyValueStore(db).set('pair:KAN-1', { b24: 17 });
  await (await createSqlSecretStore(db, key)).set('jira-credentials', { apiToken: 'secret-token' });
  await db.close();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('PGlite backup and restore', () => {
  it('restores a backup into a new directory with its entries and secrets', async () => {
    const file = join(root, 'one.tar.gz');
    await backupPglite(dataDir, file);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const restoredDir = join(root, 'restored');
    await restorePglite(file, restoredDir);
    const db = await openDatabase({ dataDir: restoredDir });
    try {
      await expect(migrateSchema(db)).resolves.toEqual([]);
      await expect(createSqlKeyValueStore(db).get('pair:KAN-1')).resolves.toEqual({ b24: 17 });
      await expect((await createSqlSecretStore(db, key)).get('jira-credentials')).resolves.toEqual({
        apiToken: 'secret-token',
      });
    } finally {
      await db.close();
    }
  });

  it('refuses to overwrite an existing backup file', async () => {
    const file = join(root, 'taken.tar.gz');
    await writeFile(file, 'an earlier backup');
    await expect(backupPglite(dataDir, file)).rejects.toThrow(
      `The backup file ${file} already exists; choose another name so no earlier backup is overwritten.`,
    );
  });

  it('refuses to back up a database that is open', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await expect(backupPglite(dataDir, join(root, 'open.tar.gz'))).rejects.toThrow(
        /is open \(postmaster\.pid exists\): stop the service first/,
      );
    } finally {
      await db.close();
    }
  });

  it('refuses to restore into a directory that is not empty, and to back up one that holds no database', async () => {
    await expect(restorePglite(join(root, 'taken.tar.gz'), dataDir)).rejects.toThrow(
      /is not empty; move it aside first/,
    );
    await expect(backupPglite(root, join(root, 'none.tar.gz'))).rejects.toThrow(
      /holds no PGlite database; set SYNC_DATA_DIR/,
    );
  });
});

describe('PostgreSQL backup and restore commands', () => {
  it('run pg_dump and pg_restore in the custom format, with the password kept off the command line', () => {
    const dump = postgresBackupCommand('postgres://sync:p%40ss@db.internal:5432/sync', '/backups/sync.dump');
    expect(dump).toEqual({
      command: 'pg_dump',
      args: [
        '--format=custom',
        '--no-owner',
        '--file=/backups/sync.dump',
        '--dbname=postgres://sync@db.internal:5432/sync',
      ],
      env: { PGPASSWORD: 'p@ss' },
    });
    const restore = postgresRestoreCommand('postgres://sync@db.internal/sync', '/backups/sync.dump');
    expect(restore.args).toEqual([
      '--clean',
      '--if-exists',
      '--no-owner',
      '--exit-on-error',
      '--dbname=postgres://sync@db.internal/sync',
      '/backups/sync.dump',
    ]);
    expect(restore.env).toEqual({});
  });
});
