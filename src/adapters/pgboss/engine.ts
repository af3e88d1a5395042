/**
 * The service's durable job engine: pg-boss 10 on the service's own database (PGlite or PostgreSQL, through
 * sql-bridge.ts), behind the `JobEngine` contract.
 *
 * One active job per pair is kept by a lease per pair (pair-lease.ts), whose key is worked out when the job runs
 * (the issue's link gives its task) and held for as long as the handler actually runs, whichever instance fetched
 * the job; a job that cannot take it goes back for a moment, unspent. The queues use pg-boss's `standard` policy,
 * not `singleton`: pg-boss 10's singleton fetch fails whole, silently, when the oldest runnable job's key is active,
 * so one busy key held back every job of every pair queued behind it, and a crashed instance's job (active until
 * it expires, 15 minutes by default) stopped the sync of every pair on every instance. Each job still carries the
 * entity it names as its singleton key, for whoever reads the job table; it gates nothing.
 */
import PgBoss from 'pg-boss';
import type { Logger } from '../../ports/log';
import type { JobBody, JobQueue, PushOptions } from '../../ports/queue';
import type { JobEngine, JobVerdict, JobDelivery, QueueName } from '../../service/engines';
import type { JobKeys } from '../../service/job-keys';
import type { SqlDb } from '../sql/db';
import { bossDb, type BossDb } from './sql-bridge';
import { deliver, type DeliveryDeps } from './delivery';
import { WorkerLoop } from './worker-loop';
import { JobRows } from './job-rows';
import { PairLeases } from './pair-lease';
import { alone, createQueue, createSchedule, deadQueueOf } from './queue-setup';

export interface JobEngineOptions {
  log: Logger;
  /** pg-boss's schema, and the pair leases' (default `pgboss`). */
  schema?: string;
  keys?: Partial<Record<QueueName, JobKeys>>;
  /** How many jobs of one queue run at once in this process (default 2). */
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
const scheduleQueueOf = (name: string) => `schedule-${name}`;
const SCHEMA = /^[a-z_][a-z0-9_]{0,49}$/;
const SCHEDULE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

interface Settings {
  concurrency: number;
  pollingIntervalSeconds: number;
  retryLimit: number;
  backoffSeconds: number;
  expireInSeconds: number;
  busyDelaySeconds: number;
  leaseSeconds: number;
}

function settingsOf(options: JobEngineOptions): Settings {
  const settings: Settings = {
    concurrency: options.concurrency ?? 2,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    retryLimit: options.retryLimit ?? 25,
    backoffSeconds: options.backoffSeconds ?? 30,
    expireInSeconds: options.expireInSeconds ?? 900,
    busyDelaySeconds: options.busyDelaySeconds ?? 1,
    leaseSeconds: options.leaseSeconds ?? 60,
  };
  const whole = (name: keyof Settings, min: number) => {
    if (!Number.isInteger(settings[name]) || settings[name] < min)
      throw new Error(`The job engine's ${name} must be a whole number of at least ${min}, not ${settings[name]}.`);
  };
  whole('concurrency', 1);
  whole('retryLimit', 0);
  whole('backoffSeconds', 1);
  whole('expireInSeconds', 1);
  whole('busyDelaySeconds', 1);
  whole('leaseSeconds', 3);
  if (!(settings.pollingIntervalSeconds >= 0.5))
    throw new Error(
      `The job engine's pollingIntervalSeconds must be at least 0.5 (pg-boss's minimum), not ${settings.pollingIntervalSeconds}.`,
    );
  return settings;
}

export async function startJobEngine(db: SqlDb, options: JobEngineOptions): Promise<JobEngine> {
  const schema = options.schema ?? 'pgboss';
  if (!SCHEMA.test(schema))
    throw new Error(`The queue schema "${schema}" is not a plain lower-case SQL name (letters, digits, underscores).`);
  const settings = settingsOf(options);
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
  const { log } = options;
  boss.on('error', (error: unknown) =>
    log.error('job engine error', { error: error instanceof Error ? error.message : String(error) }),
  );
  const leases = new PairLeases(db, schema, settings.leaseSeconds, (error) =>
    log.warn('could not renew a pair lease', { error: String(error) }),
  );
  try {
    await alone(db, schema, async () => {
      await boss.start();
      for (const queue of QUEUES) await createQueue(boss, queue, settings);
      await leases.install();
    });
  } catch (error) {
    // A start that fails leaves no pg-boss timers behind in a process that goes on (a test, a retrying supervisor).
    await boss.stop({ graceful: false, close: false }).catch(() => undefined);
    throw error;
  }
  const setupAlone: SetupAlone = (setup) => alone(db, schema, setup);
  return new PgBossJobEngine(boss, bridge, new JobRows(db, schema), leases, settings, options, setupAlone);
}

type SetupAlone = <T>(setup: () => Promise<T>) => Promise<T>;

class PgBossJobEngine implements JobEngine {
  private readonly running = new Set<Promise<unknown>>();
  private readonly deliveries = new Set<Promise<unknown>>();
  private readonly loops = new Map<QueueName, WorkerLoop>();
  private readonly scheduleWorkers: string[] = [];
  private readonly stopped: Promise<void>;
  private stopWaiting!: () => void;
  private hasStopped = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly bridge: BossDb,
    private readonly rows: JobRows,
    private readonly leases: PairLeases,
    private readonly settings: Settings,
    private readonly options: JobEngineOptions,
    private readonly setupAlone: SetupAlone,
  ) {
    this.stopped = new Promise<void>((resolve) => {
      this.stopWaiting = () => {
        this.hasStopped = true;
        resolve();
      };
    });
  }

  queue(name: QueueName): JobQueue {
    return pushTo(this.boss, name, this.options.keys?.[name], () => this.loops.get(name)?.notify());
  }

  work(queue: QueueName, handler: (delivery: JobDelivery) => Promise<JobVerdict>): Promise<void> {
    if (this.loops.has(queue))
      return Promise.reject(new Error(`The ${queue} queue already has a handler in this process.`));
    const { boss, settings, options } = this;
    const keys = options.keys?.[queue];
    const deps: DeliveryDeps = {
      queue,
      rows: this.rows,
      leases: this.leases,
      log: options.log,
      running: this.running,
      stopped: this.stopped,
      hasStopped: () => this.hasStopped,
      backoffSeconds: settings.backoffSeconds,
      busyDelaySeconds: settings.busyDelaySeconds,
      pairOf: keys ? (body) => keys.pair(body) : () => Promise.resolve(null),
    };
    const run = async (job: PgBoss.JobWithMetadata<JobBody>) => {
      const settlement = deliver(deps, job, handler).then((ended) =>
        ended.kind === 'complete' ? boss.complete(queue, job.id) : boss.fail(queue, job.id, { message: ended.message }),
      );
      this.deliveries.add(settlement);
      await settlement.finally(() => this.deliveries.delete(settlement));
    };
    const pollingMs = settings.pollingIntervalSeconds * 1000;
    this.loops.set(
      queue,
      new WorkerLoop({ boss, queue, concurrency: settings.concurrency, pollingMs, log: options.log, run }),
    );
    return Promise.resolve();
  }

  async schedule(name: string, cron: string, run: () => Promise<void>): Promise<void> {
    if (!SCHEDULE_NAME.test(name))
      throw new Error(`The schedule name "${name}" must be lower-case letters, digits and hyphens.`);
    const queue = scheduleQueueOf(name);
    const { log } = this.options;
    await this.setupAlone(() => createSchedule(this.boss, queue, cron));
    const worker = await this.boss.work(queue, async () => {
      // A failed run is logged, not retried: the next fire comes soon and does the same work.
      const ran = run().catch((error: unknown) =>
        log.error('scheduled run failed', {
          schedule: name,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      this.running.add(ran);
      await ran.finally(() => this.running.delete(ran));
    });
    this.scheduleWorkers.push(worker);
  }

  deadLetters(limit: number) {
    return this.rows.deadLetters(
      new Map(QUEUES.map((queue) => [deadQueueOf(queue), queue])),
      Math.max(0, Math.floor(limit)),
    );
  }

  stats() {
    return this.rows.stats(QUEUES);
  }

  async stop({ timeoutMs }: { timeoutMs: number }): Promise<void> {
    for (const loop of this.loops.values()) await loop.stop();
    for (const id of this.scheduleWorkers) await this.boss.offWork({ id });
    await settle(() => [...this.deliveries, ...this.running], timeoutMs);
    this.stopWaiting();
    // Each delivery whose handler is still running now puts its job back.
    await settle(() => [...this.deliveries], 10_000);
    // Scheduled runs were waited for with the jobs; one still running is dropped (the next fire does its work).
    await this.boss.stop({ graceful: true, timeout: 1000, close: false });
    this.leases.stopRenewing();
    await this.bridge.drain();
  }
}

function pushTo(boss: PgBoss, name: QueueName, keys: JobKeys | undefined, pushed: () => void): JobQueue {
  return {
    push: async (jobs: JobBody[], options?: PushOptions) => {
      if (jobs.length === 0) return;
      const delay = options?.delaySeconds ?? 0;
      if (!Number.isFinite(delay) || delay < 0)
        throw new Error(`A job's delay must be zero or more seconds, not ${delay}.`);
      await boss.insert(
        jobs.map((body) => {
          const key = keys?.entity(body) ?? null;
          // An interval the database adds to its own now(): instances with skewed clocks delay alike.
          return {
            name,
            data: body,
            startAfter: String(Math.ceil(delay)),
            ...(key === null ? {} : { singletonKey: key }),
          };
        }),
      );
      if (delay === 0) pushed();
    },
  };
}

/** Waits until none of the promises `pending` lists is left, or `ms` has passed. */
async function settle(pending: () => Promise<unknown>[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (let now = pending(); now.length > 0; now = pending()) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(now), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
}
