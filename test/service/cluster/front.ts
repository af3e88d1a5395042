/**
 * The remotes as the instances reach them over real sockets: the emulated portal over HTTPS (its certificate from
 * a throw-away authority the instances trust through NODE_EXTRA_CA_CERTS, as an on-premise portal's would be)
 * and the emulated Jira over loopback HTTP. Every write is recorded with the instance that made it, the entity
 * it touched and when it started and ended; one write can be caught and its reply held, so a test knows which
 * instance is in the middle of a job and can kill it there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWriteMethod, type Bitrix24Emulator } from '../../../src/local/b24';
import { isJiraRead } from '../../../src/local/forge/stats';
import type { JiraEmulator } from '../../../src/local/jira';
import type { Callers } from './callers';

export interface WriteRecord {
  instance: string;
  side: 'jira' | 'b24';
  /** The Jira method and path, or the Bitrix24 method. */
  call: string;
  /** `jira:<issue id or key>` or `b24:<task id>`; for a create, the entity it created. */
  entity: string | null;
  start: number;
  end: number;
  status: number;
}

export interface Hold {
  matches(record: WriteRecord): boolean;
  ms: number;
  /** Called once the write was applied and before its reply leaves: the caller is mid-job now. */
  caught(record: WriteRecord): void;
}

interface Remotes {
  jira: JiraEmulator;
  b24: Bitrix24Emulator;
  jiraBaseUrl: string;
}

function selfSignedCertificate(): { key: string; cert: string; certFile: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const bodyOf = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (['host', 'connection', 'transfer-encoding', 'keep-alive'].includes(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** The task a Bitrix24 call names: `taskId`/`TASKID` in its JSON, or the first of its positional arguments. */
function taskOf(body: Buffer): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (Array.isArray(parsed))
    return typeof parsed[0] === 'string' || typeof parsed[0] === 'number' ? String(parsed[0]) : null;
  if (typeof parsed !== 'object' || parsed === null) return null;
  const args = parsed as Record<string, unknown>;
  const id = args.taskId ?? args.TASKID ?? args.TASK_ID ?? args.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

async function createdEntity(side: 'jira' | 'b24', reply: Response): Promise<string | null> {
  const json = (await reply
    .clone()
    .json()
    .catch(() => null)) as { id?: string | number; result?: { task?: { id?: string | number } } } | null;
  if (side === 'jira' && json?.id !== undefined) return `jira:${json.id}`;
  const task = json?.result?.task?.id;
  return side === 'b24' && task !== undefined ? `b24:${task}` : null;
}

export class Front {
  readonly writes: WriteRecord[] = [];
  /** Requests received and not yet answered: the remotes are quiet only when it is 0. */
  inFlight = 0;
  hold: Hold | null = null;
  private readonly tls = selfSignedCertificate();
  private readonly callerOf = new WeakMap<Socket, Promise<string>>();
  private readonly servers: Server[] = [];
  private remotes: Remotes | null = null;
  b24Port = 0;
  jiraPort = 0;

  constructor(private readonly callers: Callers) {}

  /** The file the instances trust (NODE_EXTRA_CA_CERTS). */
  get caFile(): string {
    return this.tls.certFile;
  }

  async listen(): Promise<void> {
    const https = createHttpsServer(
      { key: this.tls.key, cert: this.tls.cert },
      (req, res) => void this.serve('b24', req, res),
    );
    const http = createHttpServer((req, res) => void this.serve('jira', req, res));
    // Asked as soon as a connection opens, while its process surely lives: a request on it may be an instance's
    // last before the kill, and a dead process's socket can no longer be traced to it.
    https.on('secureConnection', (socket: Socket) => void this.instanceOf(socket));
    http.on('connection', (socket: Socket) => void this.instanceOf(socket));
    for (const server of [https, http]) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      this.servers.push(server);
    }
    this.b24Port = (https.address() as AddressInfo).port;
    this.jiraPort = (http.address() as AddressInfo).port;
  }

  /** The emulators exist only once the portal's address (its port) is known. */
  attach(remotes: Remotes): void {
    this.remotes = remotes;
  }

  async close(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.tls.dispose();
  }

  private async serve(side: 'jira' | 'b24', req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    const start = Date.now();
    try {
      const remotes = this.remotes;
      if (!remotes) throw new Error('the remotes are not attached yet');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await bodyOf(req);
      const path = req.url ?? '/';
      const url = side === 'jira' ? `${remotes.jiraBaseUrl}${path}` : `https://127.0.0.1:${this.b24Port}${path}`;
      const request = new Request(url, {
        method,
        headers: headersOf(req),
        ...(['GET', 'HEAD'].includes(method) ? {} : { body: new Uint8Array(body) }),
      });
      const reply = await (side === 'jira' ? remotes.jira : remotes.b24).handle(request);
      const record = await this.recordOf(side, new URL(url), method, body, reply, start);
      if (record) {
        record.instance = await this.instanceOf(req.socket);
        this.writes.push(record);
        const hold = this.hold;
        if (hold?.matches(record)) {
          this.hold = null;
          hold.caught(record);
          await new Promise((resolve) => setTimeout(resolve, hold.ms));
        }
      }
      const headers = Object.fromEntries(
        [...reply.headers].filter(([name]) => !['content-encoding', 'content-length'].includes(name)),
      );
      const bytes = Buffer.from(await reply.arrayBuffer());
      if (!res.destroyed) res.writeHead(reply.status, headers).end(bytes);
      if (record) record.end = Date.now();
    } catch (error) {
      if (!res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Looked up once per connection, while it is open (the instances keep their connections alive). */
  private instanceOf(socket: Socket): Promise<string> {
    let known = this.callerOf.get(socket);
    if (!known) {
      known = this.callers.of(socket);
      this.callerOf.set(socket, known);
    }
    return known;
  }

  private async recordOf(
    side: 'jira' | 'b24',
    url: URL,
    method: string,
    body: Buffer,
    reply: Response,
    start: number,
  ): Promise<WriteRecord | null> {
    const base = { instance: 'unknown', side, start, end: Number.POSITIVE_INFINITY, status: reply.status };
    if (side === 'jira') {
      if (isJiraRead(method, url)) return null;
      const issue = /^\/rest\/api\/3\/issue\/([^/]+)/.exec(url.pathname)?.[1];
      const created = url.pathname.replace(/\/$/, '') === '/rest/api/3/issue' ? await createdEntity(side, reply) : null;
      return { ...base, call: `${method} ${url.pathname}`, entity: issue ? `jira:${issue}` : created };
    }
    const name = /^\/rest\/\d+\/[^/]+\/([a-z0-9_.]+?)(?:\.json)?$/i.exec(url.pathname)?.[1]?.toLowerCase();
    if (!name || !isWriteMethod(name)) return null;
    const task = name === 'tasks.task.add' ? await createdEntity(side, reply) : taskOf(body);
    return { ...base, call: name, entity: task === null ? null : task.startsWith('b24:') ? task : `b24:${task}` };
  }
}
