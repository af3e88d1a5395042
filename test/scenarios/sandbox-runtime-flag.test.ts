/**
 * `npm start -- --runtime service` (or SANDBOX_RUNTIME=service) as a person starts it: the sandbox's server comes
 * up with the service between the emulators, and /__sandbox/info says so; an unknown runtime is refused by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { freePort, exited } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');

async function infoOf(url: string, child: ChildProcess, output: string[]): Promise<unknown> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode}: ${output.join('')}`);
    const info = await fetch(url).then(
      (r) => (r.ok ? (r.json() as Promise<unknown>) : undefined),
      () => undefined,
    );
    if (info !== undefined) return info;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the sandbox did not answer in time: ${output.join('')}`);
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm, the shell and tsx's node stop together when the test stops them.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

describe('npm start with a runtime', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });

  it.each([
    ['--runtime service', ['--runtime', 'service'], {}],
    ['SANDBOX_RUNTIME=service', [], { SANDBOX_RUNTIME: 'service' }],
  ])(
    '%s serves the service runtime behind the same /__sandbox routes',
    async (_name, args, env) => {
      const port = await freePort();
      const { child, output } = start(args, { ...env, PORT: String(port) });
      children.push(child);
      const info = await infoOf(`http://127.0.0.1:${port}/__sandbox/info`, child, output);
      expect(info).toMatchObject({
        runtime: 'service',
        b24: { portal: 'tasks.example-corp.ru' },
        jira: { projectKey: 'DEMO' },
      });
      const settled = await fetch(`http://127.0.0.1:${port}/__sandbox/settle`, { method: 'POST' });
      expect(await settled.json()).toMatchObject({ idle: true });
      expect(output.join('')).toContain('(runtime: service)');
      const exit = exited(child);
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      // The sandbox exits 0 on SIGTERM; npm above it reports the signal its script got, so only a failure counts.
      expect(await exit).not.toBe(1);
    },
    120_000,
  );

  it('refuses a runtime it does not know, naming the two it does', async () => {
    const { child, output } = start(['--runtime', 'lambda'], { PORT: String(await freePort()) });
    children.push(child);
    expect(await exited(child)).not.toBe(0);
    expect(output.join('')).toContain('unknown sandbox runtime "lambda": choose --runtime forge or --runtime service');
  }, 120_000);
});
