/**
 * The service's Prometheus metrics, on a registry of its own (nothing global, so tests and several services in one
 * process never share counters). Counters are bumped where things happen (the transports, the workers); the queue
 * gauges and the last successful sync per pairing are read from their sources at scrape time, so they are never
 * stale and no timer keeps them.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobEngine, QueueName } from './engines';

export type Side = 'b24' | 'jira';
export type JobCounted = 'done' | 'retry' | 'dead';

/** Per project (each project pairs with one workgroup): when a job last synced it, epoch ms; undefined if never. */
export type LastSyncReader = () => Promise<Map<string, number>>;

export interface ServiceMetrics {
  registry: Registry;
  remoteCall(side: Side, status: number | 'error'): void;
  job(queue: QueueName, outcome: JobCounted): void;
  /** Binds the sources read at scrape time, once they exist (the engine starts after the metrics). */
  observe(sources: { jobs: JobEngine; lastSync: LastSyncReader; now: () => number }): void;
}

const statusClass = (status: number | 'error'): string =>
  status === 'error' ? 'error' : `${Math.floor(status / 100)}xx`;

/**
 * Jira says "slow down" with 429; Bitrix24 with 503 (QUERY_LIMIT_EXCEEDED, OVERLOAD_LIMIT) or 429
 * (OPERATION_TIME_LIMIT). The body is not read to tell a Bitrix24 503 apart: the client reads it once, after us.
 */
const rateLimited = (side: Side, status: number | 'error'): boolean =>
  status === 429 || (side === 'b24' && status === 503);

type Sources = Parameters<ServiceMetrics['observe']>[0];

/** The gauges read from their sources at scrape time. */
function readGauges(registry: Registry, sources: () => Sources | undefined): void {
  new Gauge({
    name: 'b24sync_queue_jobs',
    help: 'Jobs waiting or running, by queue and state.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of (await sources()?.jobs.stats()) ?? []) {
        this.set({ queue: s.queue, state: 'queued' }, s.queued);
        this.set({ queue: s.queue, state: 'active' }, s.active);
      }
    },
  });
  new Gauge({
    name: 'b24sync_queue_oldest_age_seconds',
    help: 'Age of the oldest job waiting to run, by queue (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of (await sources()?.jobs.stats()) ?? []) this.set({ queue: s.queue }, s.oldestQueuedMs / 1000);
    },
  });
  new Gauge({
    name: 'b24sync_last_successful_sync_age_seconds',
    help: 'Seconds since a job last synced the pairing, by Jira project (absent: never).',
    labelNames: ['project'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const bound = sources();
      if (!bound) return;
      const now = bound.now();
      for (const [project, at] of await bound.lastSync()) this.set({ project }, Math.max(0, (now - at) / 1000));
    },
  });
}

export function createServiceMetrics(options: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'b24sync_' });
  const calls = new Counter({
    name: 'b24sync_remote_requests_total',
    help: 'REST calls to Bitrix24 and Jira, by side and status class.',
    labelNames: ['side', 'status'] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: 'b24sync_remote_rate_limited_total',
    help: 'Replies that asked to slow down (Jira 429; Bitrix24 503 or 429), by side.',
    labelNames: ['side'] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'b24sync_jobs_total',
    help: 'Job runs finished in this process, by queue and outcome.',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  for (const side of ['b24', 'jira'] as const) limited.inc({ side }, 0);
  let sources: Sources | undefined;
  readGauges(registry, () => sources);
  return {
    registry,
    remoteCall(side, status) {
      calls.inc({ side, status: statusClass(status) });
      if (rateLimited(side, status)) limited.inc({ side });
    },
    job: (queue, outcome) => jobs.inc({ queue, outcome }),
    observe(bound) {
      sources = bound;
    },
  };
}
