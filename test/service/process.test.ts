/**
 * `npm run serve` as an operator runs it: a fresh data directory (the embedded PGlite database on disk) and no key,
 * ready once /readyz says so, the key file created beside (not inside) the data, and SIGTERM ends it cleanly with
 * exit code 0 within seconds. A second start finds its data and its key; a start whose key file is gone refuses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exited, freePort } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');

async function waitReady(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the service was not ready in time');
}

describe('npm run serve', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  const env = (port: number) => ({
    ...process.env,
    PORT: String(port),
    SYNC_DATA_DIR: path.join(dataDir, 'db'),
    SYNC_SECRET_KEY_FILE: path.join(dataDir, 'sync-secret.key'),
    LOG_LEVEL: 'info',
  });
  const start = (port: number, output: string[]): ChildProcess => {
    const started = spawn('npm', ['run', '--silent', 'serve'], {
      cwd: ROOT,
      env: env(port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    return started;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'svc-process-'));
  });

  afterAll(() => {
    if (child && child.exitCode === null && child.pid) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh data directory, becomes ready, and stops with exit code 0 on SIGTERM', async () => {
    const port = await freePort();
    const output: string[] = [];
    child = start(port, output);
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/readyz`, child, Date.now() + 90_000);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ok: true, checks: { database: 'ok', queue: 'ok' } });
    const log = output.join('');
    expect(log).toContain('"message":"the service is listening"');
    expect(log).toContain('"database":"pglite"');
    expect(log).toContain(`"adminPage":"http://localhost:${port}/"`);
    expect(log).toMatch(/"setupCode":"[A-Za-z0-9_-]{12}"/);
    expect(log).toContain('NEW SECRET KEY');
    expect(statSync(path.join(dataDir, 'sync-secret.key')).mode & 0o777).toBe(0o600);
    const stopping = Date.now();
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(output.join('')).toContain('"message":"stopped"');
  }, 120_000);

  it('starts again on its data with the key file it made, and says nothing about a new key', async () => {
    const port = await freePort();
    const output: string[] = [];
    child = start(port, output);
    await waitReady(`http://127.0.0.1:${port}/readyz`, child, Date.now() + 90_000);
    expect(output.join('')).not.toContain('NEW SECRET KEY');
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 120_000);

  it('refuses to start with a sentence once the key file of an existing database is gone', async () => {
    rmSync(path.join(dataDir, 'sync-secret.key'));
    const output: string[] = [];
    child = start(await freePort(), output);
    const code = await exited(child);
    expect(code).not.toBe(0);
    expect(output.join('')).toMatch(
      /The service cannot start: No secret key is configured: .* does not exist, but this database already holds secrets/,
    );
  }, 120_000);
});
