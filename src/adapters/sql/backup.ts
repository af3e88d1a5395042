/**
 * Backup and restore of the service's database. PGlite: its own data-directory tarball (`dumpDataDir`), taken
 * while the service is stopped, because a PGlite directory belongs to one process at a time. PostgreSQL: the
 * standard `pg_dump`/`pg_restore` in their custom format, which an admin can also run by hand.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PermanentError } from '../../core/errors';

const refuse = (code: string, sentence: string): PermanentError =>
  new PermanentError('invalid-request', sentence, { code });

export function refuseExisting(file: string): void {
  if (existsSync(file))
    throw refuse(
      'backup:exists',
      `The backup file ${file} already exists; choose another name so no earlier backup is overwritten.`,
    );
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  refuseExisting(file);
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw refuse(
      'backup:no-data',
      `${dataDir} holds no PGlite database; set SYNC_DATA_DIR to the service's data directory.`,
    );
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw refuse(
      'backup:in-use',
      `The database in ${dataDir} is open (postmaster.pid exists): stop the service first. If no service is running (it was killed), start and stop it once so the database is shut down cleanly.`,
    );
  }
  const db = await PGlite.create(dataDir);
  try {
    const tarball = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    // Written aside and renamed, so a backup cut short never looks like a complete one.
    await writeFile(`${file}.partial`, tarball, { flag: 'wx', mode: 0o600 });
    await rename(`${file}.partial`, file);
  } finally {
    await db.close();
  }
}

export async function restorePglite(file: string, dataDir: string): Promise<void> {
  const tarball = await readFile(file);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw refuse(
      'restore:not-empty',
      `${dataDir} is not empty; move it aside first (for example \`mv ${dataDir} ${dataDir}.old\`), so a restore never mixes two databases or loses the current one.`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { loadDataDir: new Blob([tarball]) });
  await db.close();
}

export interface PostgresCommand {
  command: string;
  args: string[];
  /** The password travels in the environment, not on the command line where `ps` would show it. */
  env: Record<string, string>;
}

function connection(url: string): { url: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password === '' ? {} : { PGPASSWORD: password } };
}

export function postgresBackupCommand(url: string, file: string): PostgresCommand {
  const target = connection(url);
  return {
    command: 'pg_dump',
    args: ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${target.url}`],
    env: target.env,
  };
}

/** Replaces the service's objects in the database with the backup's (`--clean --if-exists`). */
export function postgresRestoreCommand(url: string, file: string): PostgresCommand {
  const target = connection(url);
  return {
    command: 'pg_restore',
    args: ['--clean', '--if-exists', '--no-owner', '--exit-on-error', `--dbname=${target.url}`, file],
    env: target.env,
  };
}

export function runPostgresCommand(run: PostgresCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, run.args, { stdio: 'inherit', env: { ...process.env, ...run.env } });
    child.on('error', (error) =>
      reject(
        refuse(
          'backup:tool-missing',
          `${run.command} could not be started (${error.message}); install the PostgreSQL client tools of the server's major version.`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            refuse(
              'backup:tool-failed',
              `${run.command} ended with exit code ${String(code)}; its messages are above.`,
            ),
          ),
    );
  });
}
