/**
 * The key that encrypts stored secrets (AES-256-GCM). It comes from the environment or a key file and is never
 * written to the database: a copy of the database alone then reveals no token. Only a brand-new install gets a
 * generated key, in a file outside the data (src/service/secret-key-file.ts); here a missing key is refused.
 *
 * The bytes stay inside this class: callers seal and open, and logging the object prints only its id.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { PermanentError } from '../../core/errors';

export const SECRET_KEY_ENV = 'SYNC_SECRET_KEY';
export const SECRET_KEY_FILE_ENV = 'SYNC_SECRET_KEY_FILE';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const HOW_TO_SET = `Set ${SECRET_KEY_ENV} to 32 random bytes in base64 or hex (generate them with \`openssl rand -base64 32\`), or ${SECRET_KEY_FILE_ENV} to the path of a file holding them. Keep the key outside the database and with your backups: secrets cannot be read without it.`;

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

const refuse = (code: string, sentence: string, cause?: unknown): PermanentError =>
  new PermanentError('validation', sentence, cause === undefined ? { code } : { code, cause });

export class SecretKey {
  readonly #bytes: Buffer;
  /** A fingerprint, stored beside each ciphertext so a later key rotation knows which key wrote it. */
  readonly id: string;

  constructor(
    bytes: Buffer,
    /** Where the key came from, for messages: the variable's name or the file's path. */
    readonly source: string,
  ) {
    if (bytes.length !== KEY_BYTES)
      throw refuse(
        'secret-key:malformed',
        `The secret key from ${source} is ${bytes.length} bytes long, not ${KEY_BYTES}. ${HOW_TO_SET}`,
      );
    this.#bytes = Buffer.from(bytes);
    this.id = `k1-${createHash('sha256').update('bitrix24-sync secret key id\u0000').update(this.#bytes).digest('hex').slice(0, 16)}`;
  }

  /** A fresh random IV per call: GCM loses its security if an IV is ever reused with one key. */
  seal(plaintext: Buffer, associatedData: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#bytes, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, authTag: cipher.getAuthTag() };
  }

  /** Throws when the key, the associated data or a single byte of the sealed value differs from the write. */
  open(sealed: Sealed, associatedData: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.#bytes, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  }

  toJSON(): { id: string; source: string } {
    return { id: this.id, source: this.source };
  }

  toString(): string {
    return `SecretKey(${this.id} from ${this.source})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]{43}=$|^[A-Za-z0-9_-]{43}$/;

/** 64 hex digits, or base64 (standard or URL-safe) of exactly 32 bytes; surrounding whitespace is ignored. */
export function parseSecretKey(text: string, source: string): SecretKey {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return new SecretKey(Buffer.from(trimmed, 'hex'), source);
  if (BASE64.test(trimmed))
    return new SecretKey(Buffer.from(trimmed, trimmed.endsWith('=') ? 'base64' : 'base64url'), source);
  throw refuse(
    'secret-key:malformed',
    `The secret key in ${source} is neither 64 hex digits nor base64 of 32 bytes. ${HOW_TO_SET}`,
  );
}

export function loadSecretKey(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): SecretKey {
  const present = (value: string | undefined): string | undefined =>
    value === undefined || value.trim() === '' ? undefined : value;
  const inline = present(env[SECRET_KEY_ENV]);
  const file = present(env[SECRET_KEY_FILE_ENV]);
  if (inline !== undefined && file !== undefined) {
    throw refuse(
      'secret-key:ambiguous',
      `Both ${SECRET_KEY_ENV} and ${SECRET_KEY_FILE_ENV} are set; set only one, so it is clear which key encrypts the secrets.`,
    );
  }
  if (inline !== undefined) return parseSecretKey(inline, SECRET_KEY_ENV);
  if (file === undefined)
    throw refuse(
      'secret-key:missing',
      `No secret key is configured, so stored secrets could not be encrypted. ${HOW_TO_SET}`,
    );
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    throw refuse(
      'secret-key:unreadable',
      `The key file ${file} named by ${SECRET_KEY_FILE_ENV} cannot be read (${error instanceof Error ? error.message : String(error)}). ${HOW_TO_SET}`,
      error,
    );
  }
  return parseSecretKey(text, `${SECRET_KEY_FILE_ENV} (${file})`);
}
