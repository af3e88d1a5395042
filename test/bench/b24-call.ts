/**
 * One Bitrix24 call's time, for scale beside the service's own cost per job: the emulated portal served over
 * loopback HTTP and called through the service's real transport (Node's fetch, its timeout and metrics), so the
 * figure is our HTTP client's round trip plus the emulator's work; a real portal adds the network and its own
 * server time, which Bitrix24 does not publish (below).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Bitrix24Emulator } from '../../src/local/b24';
import { defaultSeed } from '../../src/local/seed';
import { createServiceMetrics } from '../../src/service/metrics';
import { createB24Transport } from '../../src/service/transports';

/**
 * The limit is b24restdocs `limits.md` (Standard plans: a leaky bucket draining 2 requests/s, blocking above 50).
 * The latency is assumed: Bitrix24 publishes none; 150–300 ms is what a REST call to a cloud portal from another
 * region commonly takes (TLS over the internet plus the portal's PHP), and the low end is taken for the 10% rule.
 */
export const B24_PUBLISHED = {
  limit: '2 requests/s per portal, blocked above 50 queued (b24restdocs limits.md, Standard plans)',
  latency: '150–300 ms assumed (Bitrix24 publishes no latency figure)',
  latencyLowMs: 150,
};

export interface B24CallTime {
  calls: number;
  p50: number;
  p99: number;
}

/** Under the portal's burst of 50, so the bucket never refuses one. */
const CALLS = 40;

export async function measureB24Call(): Promise<B24CallTime> {
  const seed = defaultSeed().b24;
  const portal = new Bitrix24Emulator({ clock: { now: () => Date.now() }, seed, outbox: () => undefined });
  const server = serve({ fetch: (request) => portal.handle(request), hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const user = seed.users[0];
  if (!user) throw new Error('the seed has no Bitrix24 user');
  const base = `http://127.0.0.1:${port}/rest/${user.id}/${user.webhookSecret}`;
  const transport = createB24Transport({ timeoutMs: 5000, metrics: createServiceMetrics({ defaultMetrics: false }) });
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const reply = await transport(`${base}/${method}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const body = JSON.parse(await reply.text()) as { result?: unknown; error?: string };
    if (reply.status !== 200 || body.error) throw new Error(`${method}: ${reply.status} ${body.error ?? ''}`);
    return body.result;
  };
  try {
    const added = (await call('tasks.task.add', {
      fields: { TITLE: 'Bench', RESPONSIBLE_ID: user.id, GROUP_ID: '1' },
    })) as { task: { id: string } };
    const times: number[] = [];
    for (let i = 1; i < CALLS; i++) {
      const start = process.hrtime.bigint();
      await call('tasks.task.get', { taskId: added.task.id, select: ['ID', 'TITLE', 'STATUS', 'CHANGED_DATE'] });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))] ?? NaN;
    return { calls: times.length, p50: at(50), p99: at(99) };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
