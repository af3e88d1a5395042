import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, cookiesSecure, loadConfig, VARIABLES } from '../../src/service/config';

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('the service configuration', () => {
  it('starts with nothing set: the embedded database in ./data on port 8080, this machine only', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: './data',
      logLevel: 'info',
      bodyLimitBytes: 512_000,
      requestTimeoutMs: 55_000,
      resolverTimeoutMs: 25_000,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl.toString()).toBe('http://localhost:8080/');
  });

  it('reads the environment over the config file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'svc-config-'));
    const file = path.join(dir, 'sync.json');
    writeFileSync(
      file,
      JSON.stringify({ PORT: 9000, LOG_LEVEL: 'debug', SYNC_PUBLIC_URL: 'https://sync.example.com' }),
    );
    const config = loadConfig({ SYNC_CONFIG_FILE: file, LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 9000, logLevel: 'warn' });
    expect(config.publicUrl.origin).toBe('https://sync.example.com');
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a number \(got "eighty"\)\.$/],
    [{ PORT: '70000' }, /^PORT must be at most 65535/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be debug, info, warn or error/],
    [{ SYNC_PUBLIC_URL: 'ftp://x' }, /^SYNC_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
    [{ DATABASE_URL: 'mysql://u:hunter2@db/x' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/\.$/],
    [{ SYNC_BODY_LIMIT_BYTES: '10' }, /^SYNC_BODY_LIMIT_BYTES must be at least 1024/],
    [
      { SYNC_CONFIG_FILE: '/nonexistent/sync.json' },
      /^SYNC_CONFIG_FILE names \/nonexistent\/sync.json, which cannot be read \(ENOENT\)\.$/,
    ],
  ])('refuses %j with a sentence naming the variable', (env, sentence) => {
    expect(refusal(env)).toMatch(sentence);
  });

  it('never repeats a database URL it refuses, which may hold a password', () => {
    expect(refusal({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).not.toContain('hunter2');
  });

  it('refuses a config file that sets a variable the service does not read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'svc-config-'));
    const file = path.join(dir, 'sync.json');
    writeFileSync(file, JSON.stringify({ PROT: 8080 }));
    expect(refusal({ SYNC_CONFIG_FILE: file })).toMatch(/sets PROT, which the service does not read/);
  });

  it('sends cookies Secure except to a browser on this machine over plain http', () => {
    expect(cookiesSecure(loadConfig({}))).toBe(false);
    expect(cookiesSecure(loadConfig({ SYNC_PUBLIC_URL: 'https://sync.example.com' }))).toBe(true);
    expect(cookiesSecure(loadConfig({ SYNC_PUBLIC_URL: 'http://sync.example.com' }))).toBe(true);
  });

  it('lists every variable it reads in the README, with its default', async () => {
    const readme = await import('node:fs/promises').then((fs) =>
      fs.readFile(path.resolve(__dirname, '../../README.md'), 'utf8'),
    );
    for (const variable of VARIABLES) expect(readme).toContain(`| \`${variable.name}\` | ${variable.defaultText} |`);
  });
});
