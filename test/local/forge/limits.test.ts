/**
 * Forge's limits, kept by the local runtime: simulated latency per call, the module kinds' timeouts, and the payload
 * limits of async events, web triggers and KVS (sources: src/local/README.md, "Local Forge runtime").
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webTrigger } from '@forge/api';
import { PayloadTooBigError, Queue } from '@forge/events';
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { timeoutSeconds } from '../../../src/local/forge/budget';
import { buildRuntime, FIXTURE_APP, pushWork } from './harness';

/** The fixture's consumer reads and writes its trace (two KVS calls) before its Jira calls. */
const TRACE_MS = 2 * 20;

function longRunningManifest(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-limits-'));
  const text = readFileSync(join(FIXTURE_APP, 'manifest.yml'), 'utf8').replace(
    'handler: index.onWork',
    'handler: index.onWork\n      timeoutSeconds: 120',
  );
  writeFileSync(join(dir, 'manifest.yml'), text);
  return join(dir, 'manifest.yml');
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe("Atlassian's SDK packages run unaliased against the local runtime", () => {
  it('resolves @forge/api, @forge/kvs and @forge/events to the installed packages', () => {
    expect(require.resolve('@forge/api')).toMatch(/node_modules\/@forge\/api\/out\/index\.js$/);
    expect(require.resolve('@forge/kvs')).toMatch(/node_modules\/@forge\/kvs\/out\/index\.js$/);
    expect(require.resolve('@forge/events')).toMatch(/node_modules\/@forge\/events\/out\/index\.js$/);
  });

  it("answers webTrigger's GraphQL calls with the manifest's web triggers", async () => {
    buildRuntime();
    await expect(webTrigger.getUrl('inbox')).resolves.toBe('https://local-forge.test/webtrigger/inbox');
    await expect(webTrigger.queryUrls()).resolves.toEqual([
      { moduleKey: 'inbox', url: 'https://local-forge.test/webtrigger/inbox' },
    ]);
    await expect(webTrigger.getUrl('nope')).rejects.toThrow('Failed to get web trigger URL');
  });
});

describe('each emulated call costs its invocation a simulated latency', () => {
  it('charges 200 ms per Jira call by default, and what the platform is configured with', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'a', mode: 'calls', count: 10 });
    await h.runtime.settle();
    h.runtime.setLatency({ jiraMs: 1000 });
    await pushWork({ id: 'b', mode: 'calls', count: 10 });
    await h.runtime.settle();

    expect(h.runtime.kvsStore.peek('calls:a')).toEqual({ remainingMs: 55_000 - TRACE_MS - 10 * 200 });
    expect(h.runtime.kvsStore.peek('calls:b')).toEqual({ remainingMs: 55_000 - TRACE_MS - 10 * 1000 });
  });
});

describe('an invocation past its timeout is stopped as on Forge', () => {
  it('stops a consumer at 55 s without timeoutSeconds, refuses its later calls, and retries it with FUNCTION_TIME_OUT', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'long', mode: 'calls', count: 300 });

    const report = await h.runtime.settle({ maxSteps: 2 });

    expect(h.jira.requests).toHaveLength(2 * Math.floor((55_000 - TRACE_MS) / 200));
    expect(report.failures[0]?.error).toMatch(/^FUNCTION_TIME_OUT: .*timed out after 55 s/);
    expect(report.retriesScheduled).toBe(2);
    expect(h.runtime.kvsStore.peek('trace:work:long')).toEqual([
      { retry: 0, reason: null, data: null, queue: 'work' },
      { retry: 1, reason: 'FUNCTION_TIME_OUT', data: null, queue: 'work' },
    ]);
    expect(h.runtime.kvsStore.peek('calls:long')).toBeUndefined();
  });

  it("gives a consumer the manifest's timeoutSeconds", async () => {
    const h = buildRuntime({ manifestPath: longRunningManifest() });
    await pushWork({ id: 'long', mode: 'calls', count: 300 });

    const report = await h.runtime.settle();

    expect(report.failures).toEqual([]);
    expect(h.runtime.kvsStore.peek('calls:long')).toEqual({ remainingMs: 120_000 - TRACE_MS - 300 * 200 });
  });

  it('stops a UI resolver at 25 s and the bridge call fails', async () => {
    const h = buildRuntime();
    const call = (count: number): Promise<unknown> =>
      h.runtime.invoke({ function: 'panel', call: 'calls', payload: { count }, accountId: 'person-1' });

    await expect(call(100)).resolves.toEqual({
      remainingMs: 25_000 - 100 * 200,
      app: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000',
    });
    await expect(call(126)).rejects.toThrow(/FUNCTION_TIME_OUT|timed out after 25 s/);
  });

  it('answers 424 for a web trigger stopped at 55 s, and 413 without invoking it for a request over 5 MB', async () => {
    const h = buildRuntime();
    const post = (query: string, body = 'event=ONTASKADD'): Promise<Response> =>
      h.runtime.webtrigger(
        'inbox',
        new Request(`https://local-forge.test/webtrigger/inbox${query}`, { method: 'POST', body }),
      );

    expect((await post('?calls=10')).status).toBe(202);
    expect((await post('?calls=300')).status).toBe(424);
    expect((await post('', 'x'.repeat(5 * 1024 * 1024))).status).toBe(413);
    expect(h.runtime.kvsStore.peek('trace:inbox')).toHaveLength(2);
  });

  it('honours timeoutSeconds only for consumer and scheduled-trigger functions, up to 900 s', () => {
    const fn = { key: 'f', handler: 'index.f', timeoutSeconds: 1200 };
    expect([timeoutSeconds('consumer', fn), timeoutSeconds('scheduled', { ...fn, timeoutSeconds: 120 })]).toEqual([
      900, 120,
    ]);
    expect([timeoutSeconds('webtrigger', fn), timeoutSeconds('resolver', fn), timeoutSeconds('trigger', fn)]).toEqual([
      55, 25, 25,
    ]);
    expect(timeoutSeconds('consumer', undefined)).toBe(55);
  });
});

describe("payload and storage limits, with Forge's own errors", () => {
  it('refuses an event over 100 KB for a consumer with a timeout over 55 s, which a 55 s consumer accepts', async () => {
    const event = { body: { blob: 'x'.repeat(101 * 1024) } };
    buildRuntime();
    await expect(new Queue({ key: 'work' }).push(event)).resolves.toHaveProperty('jobId');
    buildRuntime({ manifestPath: longRunningManifest() });
    await expect(new Queue({ key: 'work' }).push(event)).rejects.toBeInstanceOf(PayloadTooBigError);
  });

  it('refuses a KVS value nested deeper than 31 levels with MAX_DEPTH', async () => {
    buildRuntime();
    await expect(kvs.set('deep', nested(31))).resolves.toBeUndefined();
    const error: unknown = await kvs.set('deeper', nested(32)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    expect((error as ForgeKvsAPIError).code).toBe('MAX_DEPTH');
  });
});
