/**
 * The emulated Jira Data Center behind a real HTTP server on a random port, as a client on the network reaches it:
 * the seed is the platform's default Jira seed, its base URL the server's own address (so `self` and attachment
 * `content` links can be followed).
 */
import * as http from 'node:http';
import { ManualClock } from '../../../src/local/contracts';
import { JiraDcEmulator } from '../../../src/local/jira-dc';
import { defaultSeed } from '../../../src/local/seed';

export interface DcHarness {
  origin: string;
  clock: ManualClock;
  jira: JiraDcEmulator;
  close: () => Promise<void>;
}

async function toRequest(req: http.IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(Buffer.concat(chunks));
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body });
}

export async function startDcServer(): Promise<DcHarness> {
  const clock = new ManualClock();
  const box: { jira?: JiraDcEmulator } = {};
  let origin = '';
  const server = http.createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => (box.jira as JiraDcEmulator).handle(request))
      .then(async (response) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((v, k) => (headers[k] = v));
        res.writeHead(response.status, headers);
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const seed = defaultSeed().jira;
  const jira = new JiraDcEmulator({ clock, seed: { ...seed, baseUrl: origin } });
  box.jira = jira;
  return {
    origin,
    clock,
    jira,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
