/**
 * Service instances as an operator runs them: `npm run serve`, each the leader of its own process group so that
 * SIGKILL reaches the whole instance (npm, tsx and the node process under it) at once, as a crashed machine would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Callers } from './callers';

const ROOT = path.resolve(__dirname, '../../..');

export class Instance {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];
  starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly callers: Callers,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn('npm', ['run', '--silent', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.starts += 1;
    const tag = `[${this.name}#${this.starts}] `;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(tag + chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(tag + chunk.toString()));
    if (child.pid === undefined) throw new Error(`instance ${this.name} did not start`);
    this.callers.register(this.name, child.pid);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`instance ${this.name} exited before it was ready:\n${this.log()}`);
      const ready = await fetch(`${this.base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`instance ${this.name} was not ready in ${timeoutMs} ms:\n${this.log()}`);
  }

  /** The whole process group, with no chance to finish or return anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }

  /** This run's setup code, printed while no admin exists. */
  setupCode(): string {
    const code = /"setupCode":"([A-Za-z0-9_-]+)"/.exec(this.log())?.[1];
    if (!code) throw new Error(`instance ${this.name} printed no setup code:\n${this.log()}`);
    return code;
  }

  log(): string {
    return this.output.join('');
  }
}
