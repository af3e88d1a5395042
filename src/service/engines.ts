/**
 * What the self-hosted service needs from its storage and queue engines, as types only. The SQL adapters
 * (`src/adapters/sql/*`) and the pg-boss adapter (`src/adapters/pgboss/*`) implement them; the service's
 * composition root (`src/service/*`) depends on these names alone, so either engine can be tested in isolation.
 */
import type { JobQueue } from '../ports/queue';
import type { KeyValueStore, SecretStore } from '../ports/store';

export type QueueName = 'sync' | 'migration';

/** What a handler tells the engine about one delivery of a job. */
export type JobVerdict =
  | { kind: 'done' }
  /** Run again after this many seconds (the handler has applied the retry policy, including Retry-After). */
  | { kind: 'retry'; afterSeconds: number }
  /** Retrying cannot help: the job goes to the dead-letter queue with this reason. */
  | { kind: 'dead'; reason: string };

export interface JobDelivery {
  id: string;
  queue: QueueName;
  body: unknown;
  /** 0 on the first run. */
  attempt: number;
}

export interface DeadLetter {
  id: string;
  queue: QueueName;
  body: unknown;
  reason: string;
  failedAt: number;
}

export interface QueueStats {
  queue: QueueName;
  queued: number;
  active: number;
  /** Age in ms of the oldest job waiting to run, 0 when none waits. */
  oldestQueuedMs: number;
}

export interface JobEngine {
  queue(name: QueueName): JobQueue;
  /** Starts consuming `name` in this process; resolves once the worker is registered. */
  work(name: QueueName, handler: (delivery: JobDelivery) => Promise<JobVerdict>): Promise<void>;
  /** A cron schedule fired once across every instance (the hourly reconcile, the five-minute watch). */
  schedule(name: string, cron: string, run: () => Promise<void>): Promise<void>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  stats(): Promise<QueueStats[]>;
  /** Stops taking jobs, waits up to `timeoutMs` for the running ones, and returns the rest to the queue. */
  stop(options: { timeoutMs: number }): Promise<void>;
}

export interface StorageEngines {
  kv: KeyValueStore;
  secrets: SecretStore;
}
