/** /healthz, /readyz and /metrics: what a load balancer and Prometheus read, in their formats. */
import { Registry } from 'prom-client';
import type { JiraTransport } from '../../src/adapters/jira/client';
import { JournalStore } from '../../src/app/store/journal';
import { keys } from '../../src/app/store/keys';
import { lastSyncedByProject } from '../../src/service/app-calls';
import { createMemoryJobEngine } from '../../src/service/memory-engines';
import { createServiceMetrics } from '../../src/service/metrics';
import { createB24Transport } from '../../src/service/transports';
import { createWorld } from './world';

/** One sample line of the Prometheus text format (name, optional labels, a number). */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? -?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|\+Inf|-Inf)$/;

async function scrape(world: ReturnType<typeof createWorld>): Promise<string> {
  const response = await world.request('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(new Registry().contentType);
  return response.text();
}

const sample = (text: string, name: string, labels: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('health', () => {
  it('/healthz answers while the process runs, and says whether Jira is configured', async () => {
    const response = await createWorld().request('/healthz');
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { ok: true, jira: 'not configured' },
    });
    const configured = createWorld({
      jiraRoutes: { mode: 'token', webhookAuth: null, serviceAccountId: () => Promise.resolve('svc') },
    });
    expect(await (await configured.request('/healthz')).json()).toEqual({ ok: true, jira: 'token' });
  });

  it('/readyz is 200 when every check passes and 503 naming the failing one otherwise', async () => {
    let databaseUp = true;
    const world = createWorld({
      ready: [
        {
          name: 'database',
          check: () => (databaseUp ? Promise.resolve() : Promise.reject(new Error('connection refused'))),
        },
        { name: 'queue', check: () => Promise.resolve() },
      ],
    });
    const up = await world.request('/readyz');
    expect({ status: up.status, body: await up.json() }).toEqual({
      status: 200,
      body: { ok: true, checks: { database: 'ok', queue: 'ok' } },
    });
    databaseUp = false;
    const down = await world.request('/readyz');
    expect({ status: down.status, body: await down.json() }).toEqual({
      status: 503,
      body: { ok: false, checks: { database: 'failing', queue: 'ok' } },
    });
  });
});

describe('/metrics', () => {
  it('is the Prometheus text format, line by line', async () => {
    const text = await scrape(createWorld());
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) expect(line).toMatch(SAMPLE);
    expect(text).toContain('# TYPE b24sync_queue_jobs gauge');
    expect(text).toContain('# TYPE b24sync_jobs_total counter');
  });

  it('shows queue depth and the age of the oldest waiting job from the engine', async () => {
    const world = createWorld();
    await world.jobs.queue('sync').push([
      { kind: 'task-changed', taskId: '1' },
      { kind: 'task-changed', taskId: '2' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const text = await scrape(world);
    expect(sample(text, 'b24sync_queue_jobs', 'queue="sync",state="queued"')).toBe(2);
    expect(sample(text, 'b24sync_queue_jobs', 'queue="migration",state="queued"')).toBe(0);
    expect(sample(text, 'b24sync_queue_oldest_age_seconds', 'queue="sync"')).toBeGreaterThan(0);
  });

  it('counts REST calls and rate limits per side, in the transports', async () => {
    const statuses = [200, 503, 429];
    const fakeFetch = (() =>
      Promise.resolve(new Response('{}', { status: statuses.shift() ?? 500 }))) as unknown as typeof fetch;
    let jiraStatus = 429;
    const jira: JiraTransport = () => Promise.resolve(new Response('{}', { status: jiraStatus }));
    const world = createWorld({ jira });
    const b24 = createB24Transport({ timeoutMs: 1000, metrics: world.metrics, fetch: fakeFetch });
    for (let i = 0; i < 3; i += 1) await b24('https://acme.bitrix24.com/rest/profile', { method: 'GET' });
    await world.app
      .deps()
      .jira.getIssue('10001')
      .catch(() => undefined);
    jiraStatus = 200;
    const text = await scrape(world);
    expect(sample(text, 'b24sync_remote_requests_total', 'side="b24",status="2xx"')).toBe(1);
    expect(sample(text, 'b24sync_remote_requests_total', 'side="b24",status="5xx"')).toBe(1);
    expect(sample(text, 'b24sync_remote_rate_limited_total', 'side="b24"')).toBe(2);
    expect(sample(text, 'b24sync_remote_rate_limited_total', 'side="jira"')).toBeGreaterThanOrEqual(1);
  });

  it('counts a call that never got a reply as an error', async () => {
    const world = createWorld();
    const failing = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch;
    await expect(
      createB24Transport({ timeoutMs: 1000, metrics: world.metrics, fetch: failing })(
        'https://acme.bitrix24.com/rest/x',
        { method: 'GET' },
      ),
    ).rejects.toThrow('fetch failed');
    expect(sample(await scrape(world), 'b24sync_remote_requests_total', 'side="b24",status="error"')).toBe(1);
  });

  it('never sends Bitrix24 calls after a redirect', async () => {
    const world = createWorld();
    let seen: RequestInit | undefined;
    const spy = ((_url: string, init: RequestInit) => {
      seen = init;
      return Promise.resolve(new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }));
    }) as unknown as typeof fetch;
    const reply = await createB24Transport({ timeoutMs: 1000, metrics: world.metrics, fetch: spy })(
      'https://acme.bitrix24.com/rest/1/secret/profile',
      { method: 'GET' },
    );
    expect(reply.status).toBe(302);
    expect(seen?.redirect).toBe('manual');
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('the last successful sync per pairing', () => {
  it("is read from each paired project's journal: the newest synced entry, failures not counted", async () => {
    const world = createWorld();
    const { kv } = world.storage;
    await kv.set(keys.projectIndex(), ['DEMO', 'OPS']);
    const journal = new JournalStore(kv, () => 'id');
    const entry = { projectKey: 'DEMO', direction: 'b24-to-jira' as const, operation: 'task-changed', fields: [] };
    await journal.record({ ...entry, at: 1_000, outcome: 'synced' });
    await journal.record({ ...entry, at: 5_000, outcome: 'synced' });
    await journal.record({ ...entry, at: 9_000, outcome: 'failed' });
    await journal.record({ ...entry, projectKey: 'OPS', at: 7_000, outcome: 'failed' });
    expect(await lastSyncedByProject(world.app.deps())).toEqual(new Map([['DEMO', 5_000]]));
  });

  it('is shown as an age in seconds per project', async () => {
    const metrics = createServiceMetrics({ defaultMetrics: false });
    metrics.observe({
      jobs: createMemoryJobEngine(),
      lastSync: () => Promise.resolve(new Map([['DEMO', 40_000]])),
      now: () => 100_000,
    });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'b24sync_last_successful_sync_age_seconds', 'project="DEMO"')).toBe(60);
  });
});
