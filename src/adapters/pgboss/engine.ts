/**
 * The service's durable job engine: pg-boss 10 on the service's own database (PGlite or PostgreSQL, through
 * sql-bridge.ts), behind the `JobEngine` contract.
 *
 * One active job per pair is kept by two layers, because neither suffices alone:
 * - pg-boss's `singleton` policy, keyed by the entity a job names when it is pushed: at most one job per key is
 *   active in the table, whichever instance fetched it. But the key is fixed at push time, when the issue may not be
 *   paired yet, so a task-side and an issue-side job of one pair carry different keys; and pg-boss forgets a job it
 *   declared expired while its handler may still run.
 * - a lease per pair (pair-lease.ts), whose key is worked out when the job runs (the link gives its task),
 *   held for as long as the handler actually runs. A job that cannot take it goes back for a moment, unspent.
 * The first layer keeps most conflicts from being fetched at all; the second is the one that cannot be fooled.
 * pg-boss 10's singleton fetch fails whole when the oldest runnable job's key is active (its maintainer says so), so
 * a busy key holds back the queue behind it until its job ends: harmless at Bitrix24's two requests a second.
 */
import PgBoss from 'pg-boss';
import type { Logger } from '../../ports/log';
import type { JobBody, JobQueue, PushOptions } from '../../ports/queue';
import type { JobEngine, JobVerdict, JobDelivery, QueueName } from '../../service/engines';
import type { JobKeys } from '../../service/job-keys';
import type { SqlDb } from '../sql/db';
import { bossDb } from './sql-bridge';
import { deliver, type DeliveryDeps } from './delivery';
import { WorkerLoop } from './worker-loop';
import { JobRows } from './job-rows';
import { PairLeases } from './pair-lease';

export interface JobEngineOptions {
  log: Logger;
  /** pg-boss's schema, and the pair leases' (default `pgboss`). */
  schema?: string;
  keys?: Partial<Record<QueueName, JobKeys>>;
  /** Jobs of one queue run at once in this process (default 2). */
  concurrency?: number;
  /** How often an idle worker looks for jobs (default 2 s; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Retries after the first run before a job is dead (default 25, the app's own budget: it gives up first). */
  retryLimit?: number;
  /** First wait after a handler throws; doubles with each retry (pg-boss's retryBackoff; default 30 s). */
  backoffSeconds?: number;
  /** A job active this long is taken to have crashed and is retried (default 900 s; it is also the handler's time limit). */
  expireInSeconds?: number;
  /** How often expired jobs are looked for and old ones archived (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** How often the schedules are checked (default 30 s; 1–45). */
  cronIntervalSeconds?: number;
  /** A pair lease lasts this long unless renewed; a crashed instance's pairs are free again after it (default 60 s). */
  leaseSeconds?: number;
  /** How long a job waits when its pair is busy (default 1 s). */
  busyDelaySeconds?: number;
}

const QUEUES: readonly QueueName[] = ['sync', 'migration'];
const deadQueueOf = (queue: QueueName) => `${queue}-dead`;
const scheduleQueueOf = (name: string) => `schedule-${name}`;
const SCHEMA = /^[a-z_][a-z0-9_]{0,49}$/;
const SCHEDULE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

export async function startJobEngine(db: SqlDb, options: JobEngineOptions): Promise<JobEngine> {
  const schema = options.schema ?? 'pgboss';
  if (!SCHEMA.test(schema)) throw new Error(`The queue schema "${schema}" is not a plain lower-case SQL name (letters, digits, underscores).`);
  const settings = {
    concurrency: options.concurrency ?? 2,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    retryLimit: options.retryLimit ?? 25,
    backoffSeconds: options.backoffSeconds ?? 30,
    expireInSeconds: options.expireInSeconds ?? 900,
    busyDelaySeconds: options.busyDelaySeconds ?? 1,
  };
  const { log } = options;
  const bridge = bossDb(db);
  const boss = new PgBoss({
    db: bridge,
    schema,
    pollingIntervalSeconds: settings.pollingIntervalSeconds,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(5, options.cronIntervalSeconds ?? 5),
    expireInSeconds: settings.expireInSeconds,
  });
  boss.on('error', (error: unknown) => log.error('job engine error', { error: error instanceof Error ? error.message : String(error) }));
  await boss.start();
  for (const queue of QUEUES) await createQueue(boss, queue, settings);
  const leases = new PairLeases(db, schema, options.leaseSeconds ?? 60, (error) => log.warn('could not renew a pair lease', { error: String(error) }));
  await leases.install();
  const rows = new JobRows(db, schema);
  const running = new Set<Promise<unknown>>();
  const deliveries = new Set<Promise<unknown>>();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const workers: string[] = [];
  const loops = new Map<QueueName, WorkerLoop>();

  const work = (queue: QueueName, handler: (delivery: JobDelivery) => Promise<JobVerdict>): Promise<void> => {
    const keys = options.keys?.[queue];
    const deps: DeliveryDeps = {
      queue, rows, leases, log, running, stopped, backoffSeconds: settings.backoffSeconds, busyDelaySeconds: settings.busyDelaySeconds,
      pairOf: keys ? (body) => keys.pair(body) : () => Promise.resolve(null),
    };
    if (loops.has(queue)) return Promise.reject(new Error(`The ${queue} queue already has a handler in this process.`));
    const run = async (job: PgBoss.JobWithMetadata<JobBody>) => {
      const settlement = deliver(deps, job, handler).then((ended) =>
        ended.kind === 'complete' ? boss.complete(queue, job.id) : boss.fail(queue, job.id, { message: ended.message }),
      );
      deliveries.add(settlement);
      await settlement.finally(() => deliveries.delete(settlement));
    };
    loops.set(queue, new WorkerLoop({ boss, queue, concurrency: settings.concurrency, pollingMs: settings.pollingIntervalSeconds * 1000, log, run }));
    return Promise.resolve();
  };

  return {
    queue: (name) => pushTo(boss, name, options.keys?.[name], () => loops.get(name)?.notify()),
    work,
    schedule: async (name, cron, run) => {
      if (!SCHEDULE_NAME.test(name)) throw new Error(`The schedule name "${name}" must be lower-case letters, digits and hyphens.`);
      const queue = scheduleQueueOf(name);
      // Singleton without a key: a run that outlasts its interval is not overlapped by the next one.
      await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 0 });
      await boss.schedule(queue, cron, {}, { tz: 'UTC' });
      workers.push(
        await boss.work(queue, async () => {
          // A failed run is logged, not retried: the next fire comes soon and does the same work.
          await run().catch((error: unknown) => log.error('scheduled run failed', { schedule: name, error: error instanceof Error ? error.message : String(error) }));
        }),
      );
    },
    deadLetters: (limit) => rows.deadLetters(new Map(QUEUES.map((queue) => [deadQueueOf(queue), queue])), Math.max(0, Math.floor(limit))),
    stats: () => rows.stats(QUEUES),
    stop: async ({ timeoutMs }) => {
      for (const loop of loops.values()) await loop.stop();
      for (const id of workers) await boss.offWork({ id });
      await settle(running, timeoutMs);
      stop();
      // Each delivery whose handler is still running now puts its job back.
      await settle(deliveries, 10_000);
      await boss.stop({ graceful: true, timeout: 1000, close: false });
      leases.stopRenewing();
      await bridge.drain();
    },
  };
}

async function createQueue(boss: PgBoss, queue: QueueName, settings: { retryLimit: number; backoffSeconds: number; expireInSeconds: number }): Promise<void> {
  const dead = deadQueueOf(queue);
  await boss.createQueue(dead, { name: dead });
  const config: PgBoss.Queue = {
    name: queue,
    policy: 'singleton',
    deadLetter: dead,
    retryLimit: settings.retryLimit,
    retryDelay: settings.backoffSeconds,
    retryBackoff: true,
    expireInSeconds: settings.expireInSeconds,
  };
  await boss.createQueue(queue, config);
  // createQueue keeps an existing queue as it was; a restart with new settings applies them.
  await boss.updateQueue(queue, config);
}

function pushTo(boss: PgBoss, name: QueueName, keys: JobKeys | undefined, pushed: () => void): JobQueue {
  return {
    push: async (jobs: JobBody[], options?: PushOptions) => {
      if (jobs.length === 0) return;
      const delay = options?.delaySeconds ?? 0;
      if (!Number.isFinite(delay) || delay < 0) throw new Error(`A job's delay must be zero or more seconds, not ${delay}.`);
      await boss.insert(
        jobs.map((body) => {
          const key = keys?.entity(body) ?? null;
          // An interval the database adds to its own now(): instances with skewed clocks delay alike.
          return { name, data: body, startAfter: String(Math.ceil(delay)), ...(key === null ? {} : { singletonKey: key }) };
        }),
      );
      if (delay === 0) pushed();
    },
  };
}

/** Waits until every promise in the set has ended, or `ms` has passed (at least one turn of the event loop). */
async function settle(running: Set<Promise<unknown>>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (running.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, left))]);
  }
}
