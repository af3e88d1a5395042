/**
 * Where the secret key comes from, and the sentence a person gets when it is missing or malformed: the service
 * refuses to start rather than invent a key (which would have to live beside the data it protects).
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { loadSecretKey } from '../../src/adapters/sql/secret-key';

const bytes = randomBytes(32);
const noFile = (path: string): string => {
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

describe('loadSecretKey', () => {
  it('reads 32 bytes from SYNC_SECRET_KEY in base64, URL-safe base64 or hex, ignoring surrounding whitespace', () => {
    const ids = [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      ` ${bytes.toString('base64')}\n`,
    ].map((text) => loadSecretKey({ SYNC_SECRET_KEY: text }, noFile).id);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^k1-[0-9a-f]{16}$/);
  });

  it('reads the key from the file SYNC_SECRET_KEY_FILE names, as `openssl rand -base64 32 > file` writes it', () => {
    const files: Record<string, string> = { '/run/secrets/sync-key': `${bytes.toString('base64')}\n` };
    const key = loadSecretKey({ SYNC_SECRET_KEY_FILE: '/run/secrets/sync-key' }, (path) => files[path] ?? noFile(path));
    expect(key.id).toBe(loadSecretKey({ SYNC_SECRET_KEY: bytes.toString('hex') }).id);
    expect(key.source).toBe('SYNC_SECRET_KEY_FILE (/run/secrets/sync-key)');
  });

  it('refuses to start without a key, saying what to set and how to generate one', () => {
    for (const env of [{}, { SYNC_SECRET_KEY: '' }, { SYNC_SECRET_KEY: '  ', SYNC_SECRET_KEY_FILE: '' }]) {
      expect(() => loadSecretKey(env, noFile)).toThrow(
        'No secret key is configured, so stored secrets could not be encrypted. Set SYNC_SECRET_KEY to 32 random bytes in base64 or hex (generate them with `openssl rand -base64 32`), or SYNC_SECRET_KEY_FILE to the path of a file holding them. Keep the key outside the database and with your backups: secrets cannot be read without it.',
      );
    }
  });

  it.each([
    ['too short', randomBytes(31).toString('base64')],
    ['too long', randomBytes(33).toString('hex')],
    ['not base64 nor hex', 'correct horse battery staple'],
    ['a passphrase of the right length', 'x'.repeat(44)],
  ])('refuses a key that is %s', (_what, text) => {
    expect(() => loadSecretKey({ SYNC_SECRET_KEY: text }, noFile)).toThrow(
      /^The secret key in SYNC_SECRET_KEY is neither 64 hex digits nor base64 of 32 bytes\. Set SYNC_SECRET_KEY .*openssl rand -base64 32/,
    );
  });

  it('refuses when both variables are set, and when the key file cannot be read', () => {
    expect(() => loadSecretKey({ SYNC_SECRET_KEY: bytes.toString('hex'), SYNC_SECRET_KEY_FILE: '/k' }, noFile)).toThrow(
      'Both SYNC_SECRET_KEY and SYNC_SECRET_KEY_FILE are set; set only one, so it is clear which key encrypts the secrets.',
    );
    expect(() => loadSecretKey({ SYNC_SECRET_KEY_FILE: '/missing' }, noFile)).toThrow(
      /^The key file \/missing named by SYNC_SECRET_KEY_FILE cannot be read \(ENOENT: no such file or directory, open '\/missing'\)\. Set SYNC_SECRET_KEY/,
    );
  });

  it('never shows the key when logged or serialised', () => {
    const key = loadSecretKey({ SYNC_SECRET_KEY: bytes.toString('base64') });
    const shown = [
      inspect(key),
      JSON.stringify(key),
      String(key),
      inspect({ nested: key }, { depth: 5, showHidden: true }),
    ].join('\n');
    for (const form of [bytes.toString('base64'), bytes.toString('hex'), bytes.toString('base64url')])
      expect(shown).not.toContain(form);
    expect(shown).toContain(key.id);
  });
});
