/**
 * Which key the service encrypts its secrets with. SYNC_SECRET_KEY, or the file SYNC_SECRET_KEY_FILE names
 * (default ./sync-secret.key). On a brand-new install (the file absent, the database holding no secret and no key
 * check) the service creates that file itself, so `npm run serve` starts with nothing configured; the file is
 * outside the data directory and never in the database, so a copy of the data alone still reveals no token.
 * Once the database holds a key check or a secret, a missing file is a lost key, and the start is refused rather
 * than a new key made that could read nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PermanentError } from '../core/errors';
import type { SqlRunner } from '../adapters/sql/db';
import {
  loadSecretKey,
  parseSecretKey,
  SECRET_KEY_ENV,
  SECRET_KEY_FILE_ENV,
  type SecretKey,
} from '../adapters/sql/secret-key';
import type { Logger } from '../ports/log';

export const DEFAULT_KEY_FILE = './sync-secret.key';

export interface KeySourceOptions {
  env: { SYNC_SECRET_KEY?: string; SYNC_SECRET_KEY_FILE?: string };
  log?: Logger;
  /** Where the key file is when SYNC_SECRET_KEY_FILE is unset (tests point it into a temporary directory). */
  defaultKeyFile?: string;
}

/** True while the database has never held an encrypted value: nothing a new key could fail to read. */
async function isBrandNew(db: SqlRunner): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('public.secret_key_checks') IS NOT NULL AND to_regclass('public.secrets') IS NOT NULL AS present",
  );
  if (rows[0]?.present !== true) return true;
  const counted = await db.query<{ n: number }>(
    'SELECT ((SELECT count(*) FROM secret_key_checks) + (SELECT count(*) FROM secrets))::int AS n',
  );
  return counted.rows[0]?.n === 0;
}

function readKeyFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a new key only where no file is: of two instances starting together, the second reads the first's. */
function createKeyFile(path: string): boolean {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const lostKey = (path: string): PermanentError =>
  new PermanentError(
    'validation',
    `No secret key is configured: ${SECRET_KEY_ENV} is unset and the key file ${path} does not exist, but this database already holds secrets encrypted with a key. Restore the key file from your backup, or set ${SECRET_KEY_ENV} or ${SECRET_KEY_FILE_ENV} to the key used when the data was created; a new key cannot read the stored tokens.`,
    { code: 'secret-key:missing' },
  );

export async function resolveSecretKey(db: SqlRunner, options: KeySourceOptions): Promise<SecretKey> {
  const { env } = options;
  if (env.SYNC_SECRET_KEY !== undefined && env.SYNC_SECRET_KEY.trim() !== '') return loadSecretKey(env);
  const path = resolve(env.SYNC_SECRET_KEY_FILE ?? options.defaultKeyFile ?? DEFAULT_KEY_FILE);
  const source = `${SECRET_KEY_FILE_ENV} (${path})`;
  const text = readKeyFile(path);
  if (text !== undefined) return parseSecretKey(text, source);
  if (!(await isBrandNew(db))) throw lostKey(path);
  if (createKeyFile(path))
    options.log?.warn(
      'NEW SECRET KEY: this is a new install, so the service created the key that encrypts stored credentials. Back the key file up now, apart from the data: without it no stored token can be read.',
      { keyFile: path },
    );
  return parseSecretKey(readFileSync(path, 'utf8'), source);
}
