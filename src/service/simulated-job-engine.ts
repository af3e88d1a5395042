/**
 * A `JobEngine` in memory on simulated time, for the model test and the service's scenario tests: nothing runs by
 * itself; `runDue()` runs what the clock says is due. It keeps the pg-boss engine's rules: delays, the exact retry
 * delay of a verdict, backoff after a throw, dead letters after a `dead` or the last retry, one running job per
 * entity key and per pair key (a job whose pair is busy goes back unspent), and schedules fired once per due time.
 */
import cronParser from 'cron-parser';
import type { Clock } from '../ports/clock';
import type { JobBody, JobQueue } from '../ports/queue';
import type { DeadLetter, JobDelivery, JobEngine, JobVerdict, QueueName, QueueStats } from './engines';
import type { JobKeys } from './job-keys';

interface MemoryJob {
  id: string;
  queue: QueueName;
  body: JobBody;
  runAt: number;
  queuedAt: number;
  attempt: number;
  entity: string | null;
  state: 'queued' | 'active';
}

export interface SimulatedEngineOptions {
  clock: Clock;
  keys?: Partial<Record<QueueName, JobKeys>>;
  retryLimit?: number;
  backoffSeconds?: number;
  busyDelaySeconds?: number;
}

export interface MemoryJobEngine extends JobEngine {
  /** Runs every job and schedule due now (jobs of distinct pairs together) until none is; returns how many ran. */
  runDue(): Promise<number>;
  /** When the next job or schedule falls due, for a driver that jumps the clock; null when nothing waits. */
  nextDueAt(): number | null;
  /** When the next queued job falls due, schedules aside: a driver settling "until idle" jumps only to work. */
  nextJobDueAt(): number | null;
  /** Fires one schedule now, its next due time unchanged (as a person triggering it by hand). */
  runSchedule(name: string): Promise<void>;
}

type Handler = (delivery: JobDelivery) => Promise<JobVerdict>;

export function createSimulatedJobEngine(options: SimulatedEngineOptions): MemoryJobEngine {
  const { clock } = options;
  const retryLimit = options.retryLimit ?? 25;
  const backoff = options.backoffSeconds ?? 30;
  const busyDelay = options.busyDelaySeconds ?? 1;
  const jobs: MemoryJob[] = [];
  const dead: DeadLetter[] = [];
  const handlers = new Map<QueueName, Handler>();
  const schedules = new Map<string, { cron: string; next: number; run: () => Promise<void> }>();
  const pairsHeld = new Set<string>();
  let seq = 0;
  let stopped = false;

  const nextFire = (cron: string) =>
    cronParser
      .parseExpression(cron, { currentDate: new Date(clock.now()), tz: 'UTC' })
      .next()
      .getTime();
  const toDead = (job: MemoryJob, reason: string) => {
    jobs.splice(jobs.indexOf(job), 1);
    dead.unshift({ id: job.id, queue: job.queue, body: job.body, reason, failedAt: clock.now() });
  };
  const again = (job: MemoryJob, seconds: number, spent: boolean) => {
    job.state = 'queued';
    job.runAt = clock.now() + seconds * 1000;
    if (spent) job.attempt += 1;
  };

  const settle = (job: MemoryJob, ended: JobVerdict | { kind: 'thrown'; message: string }) => {
    const last = job.attempt >= retryLimit;
    if (ended.kind === 'done') jobs.splice(jobs.indexOf(job), 1);
    else if (ended.kind === 'dead') toDead(job, ended.reason);
    else if (last)
      toDead(
        job,
        `retries exhausted after ${job.attempt + 1} attempts${ended.kind === 'thrown' ? `: ${ended.message}` : ''}`,
      );
    else if (ended.kind === 'retry') again(job, Math.max(0, Math.ceil(ended.afterSeconds)), true);
    // pg-boss's backoff without its jitter, so a simulated run is repeatable.
    else again(job, backoff * 2 ** Math.min(16, job.attempt), true);
  };

  const runOne = async (job: MemoryJob, handler: Handler, pair: string | null): Promise<void> => {
    let ended: JobVerdict | { kind: 'thrown'; message: string };
    try {
      ended = await handler({ id: job.id, queue: job.queue, body: job.body, attempt: job.attempt });
    } catch (error) {
      ended = { kind: 'thrown', message: error instanceof Error ? error.message : String(error) };
    } finally {
      if (pair !== null) pairsHeld.delete(pair);
    }
    settle(job, ended);
  };

  const startDue = async (): Promise<Promise<void>[]> => {
    const now = clock.now();
    const activeEntities = new Set(jobs.filter((j) => j.state === 'active' && j.entity !== null).map((j) => j.entity));
    const started: Promise<void>[] = [];
    for (const job of jobs
      .filter((j) => j.state === 'queued' && j.runAt <= now)
      .sort((a, b) => a.queuedAt - b.queuedAt)) {
      const handler = handlers.get(job.queue);
      if (!handler || (job.entity !== null && activeEntities.has(job.entity))) continue;
      const pair = (await options.keys?.[job.queue]?.pair(job.body)) ?? null;
      if (pair !== null && pairsHeld.has(pair)) {
        again(job, busyDelay, false);
        continue;
      }
      if (pair !== null) pairsHeld.add(pair);
      if (job.entity !== null) activeEntities.add(job.entity);
      job.state = 'active';
      started.push(runOne(job, handler, pair));
    }
    return started;
  };

  const fireSchedules = async (): Promise<number> => {
    let fired = 0;
    for (const schedule of schedules.values()) {
      if (schedule.next > clock.now()) continue;
      schedule.next = nextFire(schedule.cron);
      fired += 1;
      await schedule.run().catch(() => undefined);
    }
    return fired;
  };

  const queue = (name: QueueName): JobQueue => ({
    push: (bodies, pushOptions) => {
      const delay = pushOptions?.delaySeconds ?? 0;
      if (!Number.isFinite(delay) || delay < 0)
        return Promise.reject(new Error(`A job's delay must be zero or more seconds, not ${delay}.`));
      for (const body of bodies) {
        const at = clock.now() + Math.ceil(delay) * 1000;
        jobs.push({
          id: `job-${++seq}`,
          queue: name,
          body,
          runAt: at,
          queuedAt: clock.now() + seq / 1e6,
          attempt: 0,
          entity: options.keys?.[name]?.entity(body) ?? null,
          state: 'queued',
        });
      }
      return Promise.resolve();
    },
  });

  return {
    queue,
    work: (name, handler) => {
      if (stopped) return Promise.reject(new Error('The job engine is stopped.'));
      handlers.set(name, handler);
      return Promise.resolve();
    },
    schedule: (name, cron, run) => {
      schedules.set(name, { cron, next: nextFire(cron), run });
      return Promise.resolve();
    },
    deadLetters: (limit) => Promise.resolve(dead.slice(0, Math.max(0, limit))),
    stats: () =>
      Promise.resolve(
        (['sync', 'migration'] as const).map((name): QueueStats => {
          const mine = jobs.filter((j) => j.queue === name);
          const waiting = mine.filter((j) => j.state === 'queued' && j.runAt <= clock.now());
          return {
            queue: name,
            queued: mine.filter((j) => j.state === 'queued').length,
            active: mine.length - mine.filter((j) => j.state === 'queued').length,
            oldestQueuedMs: waiting.reduce((age, j) => Math.max(age, clock.now() - j.runAt), 0),
          };
        }),
      ),
    stop: () => {
      stopped = true;
      handlers.clear();
      return Promise.resolve();
    },
    runDue: async () => {
      let ran = await fireSchedules();
      for (;;) {
        const started = await startDue();
        if (started.length === 0) return ran;
        ran += started.length;
        await Promise.all(started);
      }
    },
    nextDueAt: () => {
      const times = [
        ...jobs.filter((j) => j.state === 'queued').map((j) => j.runAt),
        ...[...schedules.values()].map((s) => s.next),
      ];
      return times.length > 0 ? Math.min(...times) : null;
    },
    nextJobDueAt: () => {
      const times = jobs.filter((j) => j.state === 'queued').map((j) => j.runAt);
      return times.length > 0 ? Math.min(...times) : null;
    },
    runSchedule: async (name) => {
      const schedule = schedules.get(name);
      if (!schedule) throw new Error(`There is no schedule ${name}.`);
      await schedule.run();
    },
  };
}
