/**
 * What every durable job engine of the service must do, in real time, on one database shared by the engines a
 * test starts (two engines stand for two instances). Run on PGlite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { startJobEngine, type JobEngineOptions } from '../../../src/adapters/pgboss/engine';
import { bossDb } from '../../../src/adapters/pgboss/sql-bridge';
import type { SqlDb } from '../../../src/adapters/sql/db';
import { LinkStore } from '../../../src/app/store/links';
import type { JobBody } from '../../../src/ports/queue';
import type { JobDelivery, JobEngine, JobVerdict } from '../../../src/service/engines';
import { syncJobKeys } from '../../../src/service/job-keys';
import { memoryKv, silentLog, sleep, until } from './support';

export interface EngineDatabase {
  db: SqlDb;
  /** Drops what the test made. */
  dispose(schema: string): Promise<void>;
}

type Tuning = Partial<Omit<JobEngineOptions, 'log' | 'schema' | 'keys'>>;

const FAST: Tuning = {
  pollingIntervalSeconds: 0.5,
  backoffSeconds: 1,
  maintenanceIntervalSeconds: 1,
  cronIntervalSeconds: 1,
  leaseSeconds: 5,
  busyDelaySeconds: 1,
  concurrency: 2,
};

const task = (taskId: string): JobBody => ({ kind: 'pair-sync', taskId, origin: 'retry' });
const taskChanged = (taskId: string): JobBody => ({ kind: 'task-changed', taskId });
const taskIdOf = (body: unknown): string => String((body as { taskId?: unknown }).taskId);
const issueChanged = (issueId: string): JobBody => ({ kind: 'issue-changed', issueId, projectKey: 'PRJ' });

/** From second 5 to 40 of a minute the schedule test's window (at most 10 s to the run, 3 s after) fits in it. */
function millisecondsUntilMidMinute(now: number): number {
  const second = (now % 60_000) / 1000;
  if (second >= 5 && second <= 40) return 0;
  return Math.round(((second < 5 ? 5 : 65) - second) * 1000);
}

export function describeJobEngine(label: string, open: () => Promise<EngineDatabase>): void {
  describe(`the job engine on ${label}`, () => {
    let database: EngineDatabase;
    let schema: string;
    let engines: JobEngine[];
    const kv = memoryKv();
    const start = async (tuning: Tuning = {}) => {
      const engine = await startJobEngine(database.db, {
        ...FAST,
        ...tuning,
        schema,
        log: silentLog,
        keys: { sync: syncJobKeys(kv) },
      });
      engines.push(engine);
      return engine;
    };

    beforeAll(async () => {
      database = await open();
      await new LinkStore(kv).save({
        taskId: '700',
        issueId: '10700',
        issueKey: 'PRJ-7',
        projectKey: 'PRJ',
        linkedAt: 0,
      });
    });
    beforeEach(() => {
      schema = `q_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      engines = [];
    });
    afterEach(async () => {
      for (const engine of engines) await engine.stop({ timeoutMs: 0 });
      await database.dispose(schema);
    });
    afterAll(() => database.db.close());

    it('delivers each pushed job once, with its body, on attempt 0', async () => {
      const engine = await start();
      const seen: JobDelivery[] = [];
      await engine.work('sync', (delivery) => (seen.push(delivery), Promise.resolve({ kind: 'done' })));
      await engine.queue('sync').push([task('1'), task('2'), task('3')]);
      await until(() => seen.length >= 3);
      await sleep(1500);
      expect(seen.map((d) => d.body).sort((a, b) => taskIdOf(a).localeCompare(taskIdOf(b)))).toEqual([
        task('1'),
        task('2'),
        task('3'),
      ]);
      expect(seen.map((d) => d.attempt)).toEqual([0, 0, 0]);
      expect(seen.every((d) => d.queue === 'sync')).toBe(true);
      expect(await engine.stats()).toContainEqual({ queue: 'sync', queued: 0, active: 0, oldestQueuedMs: 0 });
    });

    it('refuses a negative delay before anything is queued, and a schema name that is not plain SQL', async () => {
      const engine = await start();
      await expect(engine.queue('sync').push([task('1')], { delaySeconds: -1 })).rejects.toThrow(
        "A job's delay must be zero or more seconds, not -1.",
      );
      expect((await engine.stats()).find((s) => s.queue === 'sync')).toMatchObject({ queued: 0 });
      await expect(startJobEngine(database.db, { log: silentLog, schema: 'q; drop table x' })).rejects.toThrow(
        'is not a plain lower-case SQL name',
      );
    });

    it('counts the jobs running and waiting, and how long the oldest has waited', async () => {
      const engine = await start({ concurrency: 1 });
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      let started = 0;
      await engine.work('sync', async () => (started++, await blocked, { kind: 'done' }));
      await engine.queue('sync').push([task('1'), task('2')]);
      await until(() => started === 1);
      await sleep(300);
      const stats = (await engine.stats()).find((s) => s.queue === 'sync');
      expect(stats).toMatchObject({ queued: 1, active: 1 });
      expect(stats!.oldestQueuedMs).toBeGreaterThanOrEqual(200);
      release();
    });

    it('does not deliver a delayed job before its delay', async () => {
      const engine = await start();
      const at: number[] = [];
      await engine.work('sync', () => (at.push(Date.now()), Promise.resolve({ kind: 'done' })));
      const pushed = Date.now();
      await engine.queue('sync').push([task('1')], { delaySeconds: 2 });
      expect((await engine.stats()).find((s) => s.queue === 'sync')).toMatchObject({ queued: 1, oldestQueuedMs: 0 });
      await until(() => at.length === 1, 6000);
      expect(at[0]! - pushed).toBeGreaterThanOrEqual(1900);
    });

    it('retries after exactly the delay a verdict asks for, counting attempts', async () => {
      const engine = await start();
      const runs: { attempt: number; at: number }[] = [];
      await engine.work('sync', ({ attempt }) => {
        runs.push({ attempt, at: Date.now() });
        return Promise.resolve<JobVerdict>(attempt < 2 ? { kind: 'retry', afterSeconds: 1 } : { kind: 'done' });
      });
      await engine.queue('sync').push([task('1')]);
      await until(() => runs.length === 3, 10_000);
      expect(runs.map((r) => r.attempt)).toEqual([0, 1, 2]);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.at - runs[i - 1]!.at).toBeGreaterThanOrEqual(950);
      await sleep(1200);
      expect(runs).toHaveLength(3);
      expect(await engine.deadLetters(10)).toEqual([]);
    });

    it('sends a job its handler calls dead to the dead-letter queue at once, with the reason', async () => {
      const engine = await start();
      let runs = 0;
      await engine.work('sync', () => (runs++, Promise.resolve({ kind: 'dead', reason: 'the task was deleted' })));
      const before = Date.now();
      await engine.queue('sync').push([task('1')]);
      await until(async () => (await engine.deadLetters(10)).length === 1);
      const [letter] = await engine.deadLetters(10);
      expect(letter).toMatchObject({ queue: 'sync', body: task('1'), reason: 'the task was deleted' });
      expect(letter!.failedAt).toBeGreaterThanOrEqual(before - 1000);
      await sleep(1200);
      expect(runs).toBe(1);
    });

    it('sends a job to the dead-letter queue once its retries are exhausted', async () => {
      const engine = await start({ retryLimit: 2 });
      const attempts: number[] = [];
      await engine.work(
        'sync',
        ({ attempt }) => (attempts.push(attempt), Promise.resolve({ kind: 'retry', afterSeconds: 0 })),
      );
      await engine.queue('sync').push([task('1')]);
      await until(async () => (await engine.deadLetters(10)).length === 1, 10_000);
      expect(attempts).toEqual([0, 1, 2]);
      expect((await engine.deadLetters(10))[0]).toMatchObject({
        body: task('1'),
        reason: 'retries exhausted after 3 attempts',
      });
    });

    it('retries a handler that throws with backoff, and dead-letters it when retries run out', async () => {
      const engine = await start({ retryLimit: 1 });
      const runs: number[] = [];
      await engine.work('sync', () => {
        runs.push(Date.now());
        return Promise.reject(new Error('Bitrix24 answered 500'));
      });
      await engine.queue('sync').push([task('1')]);
      await until(async () => (await engine.deadLetters(10)).length === 1, 10_000);
      expect(runs).toHaveLength(2);
      // backoffSeconds 1: the first retry waits between 1 and 2 s (pg-boss adds jitter).
      expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(950);
      expect((await engine.deadLetters(10))[0]!.reason).toBe(
        'retries exhausted after 2 attempts: Bitrix24 answered 500',
      );
    });

    it('fires a schedule once per due time with two engines on one database', async () => {
      // pg-boss fires a cron at most once per minute of the database clock, whatever its seconds field says, and
      // hands the run over a few seconds later. A run due at 12:00:59 may so land at 12:01:03 beside the 12:01 run:
      // the test starts only where its whole window sits inside one minute, so any second run is a double.
      await sleep(millisecondsUntilMidMinute(Date.now()));
      const fires: number[] = [];
      for (const engine of [await start(), await start()])
        await engine.schedule('watch', '* * * * * *', () => (fires.push(Date.now()), Promise.resolve()));
      await until(() => fires.length >= 1, 10_000);
      await sleep(3000);
      expect(fires).toHaveLength(1);
    }, 60_000);

    it('never runs two jobs of one entity at once, across two engines', async () => {
      const runs: { key: string; from: number; to: number }[] = [];
      const handler = async ({ body }: JobDelivery): Promise<JobVerdict> => {
        const from = Date.now();
        await sleep(150);
        runs.push({ key: taskIdOf(body), from, to: Date.now() });
        return { kind: 'done' };
      };
      const a = await start({ concurrency: 3 });
      const b = await start({ concurrency: 3 });
      await a.work('sync', handler);
      await b.work('sync', handler);
      await a.queue('sync').push(['1', '1', '1', '2', '2', '2'].map((id) => taskChanged(id)));
      await until(() => runs.length === 6, 20_000);
      expectNoOverlap(runs);
    });

    it('never runs a task-side and an issue-side job of one pair at once, and the wait spends no attempt', async () => {
      const runs: { key: string; from: number; to: number; attempt: number }[] = [];
      const handler = async ({ attempt }: JobDelivery): Promise<JobVerdict> => {
        const from = Date.now();
        await sleep(400);
        runs.push({ key: 'pair 700', from, to: Date.now(), attempt });
        return { kind: 'done' };
      };
      const a = await start();
      const b = await start();
      await a.work('sync', handler);
      await b.work('sync', handler);
      await a
        .queue('sync')
        .push([taskChanged('700'), issueChanged('10700'), taskChanged('700'), issueChanged('10700')]);
      await until(() => runs.length === 4, 20_000);
      expectNoOverlap(runs);
      expect(runs.map((r) => r.attempt)).toEqual([0, 0, 0, 0]);
    });

    it('on a graceful stop lets a short job finish and puts an unfinished one back, unspent', async () => {
      const a = await start();
      const started: string[] = [];
      const finished: string[] = [];
      let release!: () => void;
      const slowEnds = new Promise<void>((resolve) => (release = resolve));
      await a.work('sync', async ({ body }) => {
        started.push(taskIdOf(body));
        await (taskIdOf(body) === 'slow' ? slowEnds : sleep(200));
        finished.push(taskIdOf(body));
        return { kind: 'done' };
      });
      await a.queue('sync').push([task('slow'), task('quick')]);
      await until(() => started.length === 2);
      await a.stop({ timeoutMs: 1000 });
      expect(finished).toEqual(['quick']);
      const b = await start({ leaseSeconds: 5 });
      const again: JobDelivery[] = [];
      await b.work('sync', (delivery) => (again.push(delivery), Promise.resolve({ kind: 'done' })));
      await until(() => again.length === 1, 10_000);
      expect(again[0]).toMatchObject({ body: task('slow'), attempt: 0 });
      await sleep(1000);
      expect(again).toHaveLength(1);
      release();
    });

    it("holds back only a crashed worker's own pair: the other pairs' jobs run while its job waits to expire", async () => {
      const b = await start({ expireInSeconds: 120, leaseSeconds: 120 });
      await b.queue('sync').push([task('1')]);
      const crashed = new PgBoss({
        db: bossDb(database.db),
        schema,
        supervise: false,
        schedule: false,
        migrate: false,
      });
      await crashed.start();
      expect(await crashed.fetch('sync')).toHaveLength(1);
      await crashed.stop({ graceful: false, close: false });
      await database.db.query(
        `INSERT INTO ${schema}.pair_lease VALUES ('pair:1', 'crashed', now() + interval '120 seconds')`,
      );
      // The next change of the crashed pair is the oldest job waiting; another pair's change comes after it.
      await b.queue('sync').push([taskChanged('1')]);
      await sleep(20);
      await b.queue('sync').push([taskChanged('2')]);
      const seen: string[] = [];
      await b.work('sync', ({ body }) => (seen.push(taskIdOf(body)), Promise.resolve({ kind: 'done' })));
      await until(() => seen.includes('2'), 10_000);
      expect(seen).toEqual(['2']);
    });

    it("delivers again the job of a worker that crashed mid-job, once the job and the pair's lease expire", async () => {
      const b = await start({ expireInSeconds: 1 });
      await b.queue('sync').push([task('1')]);
      // A crashed instance: it fetched the job, took its pair, and never said anything again.
      const crashed = new PgBoss({
        db: bossDb(database.db),
        schema,
        supervise: false,
        schedule: false,
        migrate: false,
      });
      await crashed.start();
      expect(await crashed.fetch('sync')).toHaveLength(1);
      await crashed.stop({ graceful: false, close: false });
      await database.db.query(
        `INSERT INTO ${schema}.pair_lease VALUES ('pair:1', 'crashed', now() + interval '3 seconds')`,
      );
      const leaseEnds = Date.now() + 3000;
      const seen: JobDelivery[] = [];
      await b.work('sync', (delivery) => (seen.push(delivery), Promise.resolve({ kind: 'done' })));
      await until(() => seen.length === 1, 15_000);
      expect(Date.now()).toBeGreaterThanOrEqual(leaseEnds - 500);
      expect(seen[0]).toMatchObject({ body: task('1'), attempt: 1 });
    });
  });
}

/** Runs of one key must not overlap in time. */
function expectNoOverlap(runs: readonly { key: string; from: number; to: number }[]): void {
  const overlaps = runs.flatMap((r, i) =>
    runs
      .slice(i + 1)
      .filter((s) => s.key === r.key && s.from < r.to && r.from < s.to)
      .map((s) => [r, s]),
  );
  expect(overlaps).toEqual([]);
}
