/**
 * The in-memory job engine keeps the durable engine's rules on simulated time (the real-time conformance suite is
 * test/adapters/pgboss/engine-conformance.ts), so the model and scenario tests of the service mean the same thing.
 */
import { LinkStore } from '../../src/app/store/links';
import type { JobBody } from '../../src/ports/queue';
import type { JobDelivery, JobVerdict } from '../../src/service/engines';
import { syncJobKeys } from '../../src/service/job-keys';
import { createSimulatedJobEngine } from '../../src/service/simulated-job-engine';
import { memoryKv } from './pgboss/support';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const taskChanged = (taskId: string): JobBody => ({ kind: 'task-changed', taskId });
const issueChanged = (issueId: string): JobBody => ({ kind: 'issue-changed', issueId, projectKey: 'PRJ' });

async function world(options: { retryLimit?: number } = {}) {
  let now = T0;
  const kv = memoryKv();
  await new LinkStore(kv).save({ taskId: '700', issueId: '10700', issueKey: 'PRJ-7', projectKey: 'PRJ', linkedAt: 0 });
  const engine = createSimulatedJobEngine({
    clock: { now: () => now },
    keys: { sync: syncJobKeys(kv) },
    backoffSeconds: 30,
    ...options,
  });
  const at = async (ms: number) => {
    now = T0 + ms;
    await engine.runDue();
  };
  return { engine, at, now: () => now };
}

describe('the in-memory job engine on simulated time', () => {
  it('delivers each pushed job once, on attempt 0', async () => {
    const { engine, at } = await world();
    const seen: JobDelivery[] = [];
    await engine.work('sync', (d) => (seen.push(d), Promise.resolve({ kind: 'done' })));
    await engine.queue('sync').push([taskChanged('1'), taskChanged('2')]);
    await at(0);
    await at(60_000);
    expect(seen.map((d) => [d.body, d.attempt])).toEqual([
      [taskChanged('1'), 0],
      [taskChanged('2'), 0],
    ]);
  });

  it('does not deliver a delayed job before its delay', async () => {
    const { engine, at } = await world();
    const seen: number[] = [];
    await engine.work('sync', () => (seen.push(1), Promise.resolve({ kind: 'done' })));
    await engine.queue('sync').push([taskChanged('1')], { delaySeconds: 5 });
    expect(engine.nextDueAt()).toBe(T0 + 5000);
    await at(4999);
    expect(seen).toEqual([]);
    await at(5000);
    expect(seen).toEqual([1]);
  });

  it('retries after exactly the delay a verdict asks for, and after backoff when the handler throws', async () => {
    const { engine, at, now } = await world();
    const runs: { attempt: number; at: number }[] = [];
    await engine.work('sync', ({ attempt }) => {
      runs.push({ attempt, at: now() - T0 });
      if (attempt === 0) return Promise.resolve<JobVerdict>({ kind: 'retry', afterSeconds: 7 });
      if (attempt === 1) return Promise.reject(new Error('Bitrix24 answered 500'));
      return Promise.resolve<JobVerdict>({ kind: 'done' });
    });
    await engine.queue('sync').push([taskChanged('1')]);
    await at(0);
    await at(6999);
    await at(7000);
    await at(7000 + 59_999);
    await at(7000 + 60_000);
    expect(runs).toEqual([
      { attempt: 0, at: 0 },
      { attempt: 1, at: 7000 },
      { attempt: 2, at: 67_000 },
    ]);
  });

  it('dead-letters a job called dead at once, and one whose retries ran out', async () => {
    const { engine, at } = await world({ retryLimit: 1 });
    await engine.work('sync', ({ body }) =>
      Promise.resolve<JobVerdict>(
        (body as { taskId: string }).taskId === '1'
          ? { kind: 'dead', reason: 'the task was deleted' }
          : { kind: 'retry', afterSeconds: 0 },
      ),
    );
    await engine.queue('sync').push([taskChanged('1'), taskChanged('2')]);
    await at(0);
    expect(await engine.deadLetters(10)).toEqual([
      {
        id: expect.any(String),
        queue: 'sync',
        body: taskChanged('2'),
        reason: 'retries exhausted after 2 attempts',
        failedAt: T0,
      },
      { id: expect.any(String), queue: 'sync', body: taskChanged('1'), reason: 'the task was deleted', failedAt: T0 },
    ]);
  });

  it('runs distinct pairs together but never two jobs of one pair, and the wait spends no attempt', async () => {
    const { engine, at } = await world();
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    const attempts: number[] = [];
    let together = 0;
    await engine.work('sync', async ({ body, attempt }) => {
      const b = body as { taskId?: string; issueId?: string };
      const pair = b.taskId ?? (b.issueId === '10700' ? '700' : String(b.issueId));
      running.set(pair, (running.get(pair) ?? 0) + 1);
      most.set(pair, Math.max(most.get(pair) ?? 0, running.get(pair)!));
      together = Math.max(
        together,
        [...running.values()].reduce((a, n) => a + n, 0),
      );
      await new Promise((resolve) => setImmediate(resolve));
      running.set(pair, running.get(pair)! - 1);
      attempts.push(attempt);
      return { kind: 'done' };
    });
    await engine.queue('sync').push([taskChanged('700'), issueChanged('10700'), taskChanged('700'), taskChanged('1')]);
    for (let s = 0; s <= 5; s++) await at(s * 1000);
    expect(Object.fromEntries(most)).toEqual({ '700': 1, '1': 1 });
    expect(together).toBe(2);
    expect(attempts).toEqual([0, 0, 0, 0]);
  });

  it('fires a schedule once per due time', async () => {
    const { engine, at } = await world();
    const fires: number[] = [];
    await engine.schedule('watch', '*/5 * * * *', () => (fires.push(1), Promise.resolve()));
    await at(1000);
    await at(299_999);
    await at(300_000);
    await at(300_500);
    await at(600_000);
    expect(fires).toHaveLength(2);
  });

  it('counts what waits and how long the oldest runnable job has waited', async () => {
    const { engine, at } = await world();
    await engine.queue('sync').push([taskChanged('1')]);
    await engine.queue('sync').push([taskChanged('2')], { delaySeconds: 60 });
    await at(10_000);
    expect(await engine.stats()).toContainEqual({ queue: 'sync', queued: 2, active: 0, oldestQueuedMs: 10_000 });
  });
});
