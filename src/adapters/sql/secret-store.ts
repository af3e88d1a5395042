/**
 * SecretStore on the `secrets` table, each value sealed with AES-256-GCM. The secret's name is the associated
 * data, so a ciphertext copied onto another name fails to open instead of handing out the wrong credential.
 *
 * Opening the store checks the key first: the database keeps one small value sealed by the key it was first
 * started with (`secret_key_checks`), and a different key refuses the start with a sentence, rather than every
 * later read failing with a garbled one.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JsonValue, SecretStore } from '../../ports/store';
import type { SqlDb, SqlRunner } from './db';
import { sqlGuarded } from './errors';
import { toJsonText } from './json-text';
import { checkKey } from './kv-rules';
import { SCHEMA_LOCK_ID } from './schema';
import { SECRET_KEY_ENV, SECRET_KEY_FILE_ENV, type Sealed, type SecretKey } from './secret-key';

const CHECK_PLAINTEXT = 'bitrix24-sync secret key check v1';
const checkAad = (keyId: string): string => `key-check\u0000${keyId}`;
const secretAad = (name: string): string => `secret\u0000${name}`;

const bytes = z.instanceof(Uint8Array).transform((b) => Buffer.from(b));
const sealedRow = z.object({ key_id: z.string(), iv: bytes, ciphertext: bytes, auth_tag: bytes });
type SealedRow = z.infer<typeof sealedRow>;

const sealedOf = (row: SealedRow): Sealed => ({ iv: row.iv, ciphertext: row.ciphertext, authTag: row.auth_tag });

const wrongKey = (key: SecretKey, known: string[]): PermanentError =>
  new PermanentError(
    'validation',
    `The secret key from ${key.source} (id ${key.id}) is not the key this database's secrets were encrypted with (id ${known.join(', ')}). Set ${SECRET_KEY_ENV} or ${SECRET_KEY_FILE_ENV} to the key used when the data was created; a new key cannot read the stored tokens.`,
    { code: 'secret-key:wrong' },
  );

/** Proves `key` is the database's key, recording it when the database has none yet. */
async function checkKeyAgainst(tx: SqlRunner, key: SecretKey): Promise<void> {
  // The schema lock also orders two first starts with different keys: the second finds the first one's check.
  await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_ID]);
  const { rows } = await tx.query('SELECT key_id, iv, ciphertext, auth_tag FROM secret_key_checks ORDER BY created_at');
  const checks = rows.map((row) => sealedRow.parse(row));
  if (checks.length === 0) {
    const sealed = key.seal(Buffer.from(CHECK_PLAINTEXT, 'utf8'), checkAad(key.id));
    await tx.query('INSERT INTO secret_key_checks (key_id, iv, ciphertext, auth_tag) VALUES ($1, $2, $3, $4)', [
      key.id,
      sealed.iv,
      sealed.ciphertext,
      sealed.authTag,
    ]);
    return;
  }
  const mine = checks.find((check) => check.key_id === key.id);
  if (mine === undefined)
    throw wrongKey(
      key,
      checks.map((check) => check.key_id),
    );
  try {
    if (key.open(sealedOf(mine), checkAad(key.id)).toString('utf8') === CHECK_PLAINTEXT) return;
  } catch {
    // Falls through: a failed authentication is the same refusal as a wrong plaintext.
  }
  throw wrongKey(key, [mine.key_id]);
}

export async function createSqlSecretStore(db: SqlDb, key: SecretKey): Promise<SecretStore> {
  await sqlGuarded('secret key check', () => db.transaction((tx) => checkKeyAgainst(tx, key)));

  const open = (name: string, row: SealedRow): unknown => {
    if (row.key_id !== key.id) {
      throw new PermanentError(
        'validation',
        `The secret "${name}" was encrypted with key ${row.key_id}, and this instance holds key ${key.id} from ${key.source}.`,
        {
          code: 'secret-key:other-key',
        },
      );
    }
    try {
      return JSON.parse(key.open(sealedOf(row), secretAad(name)).toString('utf8')) as unknown;
    } catch (error) {
      throw new PermanentError(
        'validation',
        `The stored secret "${name}" does not decrypt with the configured key: it was altered or copied from another name. Store it again.`,
        {
          code: 'secret-key:tampered',
          cause: error,
        },
      );
    }
  };

  return {
    get: (name) =>
      sqlGuarded('secret read', async () => {
        const { rows } = await db.query('SELECT key_id, iv, ciphertext, auth_tag FROM secrets WHERE name = $1', [
          checkKey(name),
        ]);
        return rows[0] === undefined ? undefined : open(name, sealedRow.parse(rows[0]));
      }),
    set: (name, value: JsonValue) =>
      sqlGuarded('secret write', async () => {
        const text = toJsonText(value, `secret "${checkKey(name)}"`);
        const sealed = key.seal(Buffer.from(text, 'utf8'), secretAad(name));
        await db.query(
          `INSERT INTO secrets (name, key_id, iv, ciphertext, auth_tag, updated_at) VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (name) DO UPDATE SET key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext,
             auth_tag = excluded.auth_tag, updated_at = excluded.updated_at`,
          [name, key.id, sealed.iv, sealed.ciphertext, sealed.authTag],
        );
      }),
    delete: (name) =>
      sqlGuarded('secret delete', async () => {
        await db.query('DELETE FROM secrets WHERE name = $1', [checkKey(name)]);
      }),
  };
}
