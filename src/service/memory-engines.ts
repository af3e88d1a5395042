/**
 * Engines in memory, for the service's tests only (./wiring.ts chooses the SQL store and the pg-boss queue):
 * the same contracts (./engines.ts), nothing durable. Jobs run one at a time per
 * queue, delays and schedules on timers; `stop` waits for the running job and drops the rest, which is what a
 * process without a database can do.
 */
import type { JobQueue } from '../ports/queue';
import type { JsonValue, KeyValueStore, SecretStore, StoredEntry } from '../ports/store';
import type { DeadLetter, JobDelivery, JobEngine, JobVerdict, QueueName, QueueStats, StorageEngines } from './engines';

interface Held {
  json: string;
  expireAt?: number;
}

export function createMemoryStorage(now: () => number = Date.now): StorageEngines {
  const plain = new Map<string, Held>();
  const secret = new Map<string, string>();
  const live = (key: string): Held | undefined => {
    const held = plain.get(key);
    if (held?.expireAt !== undefined && held.expireAt <= now()) plain.delete(key);
    return plain.get(key);
  };
  const hold = (value: JsonValue, ttlSeconds?: number): Held => ({
    json: JSON.stringify(value),
    ...(ttlSeconds ? { expireAt: now() + ttlSeconds * 1000 } : {}),
  });
  const kv: KeyValueStore = {
    get: (key) => {
      const held = live(key);
      return Promise.resolve(held ? (JSON.parse(held.json) as unknown) : undefined);
    },
    set: (key, value, options) => {
      plain.set(key, hold(value, options?.ttlSeconds));
      return Promise.resolve();
    },
    delete: (key) => {
      plain.delete(key);
      return Promise.resolve();
    },
    setIfAbsent: (key, value, options) => {
      if (live(key)) return Promise.resolve(false);
      plain.set(key, hold(value, options?.ttlSeconds));
      return Promise.resolve(true);
    },
    listByPrefix: (prefix, options = {}) => {
      const limit = options.limit ?? 100;
      const keys = [...plain.keys()]
        .filter((k) => k.startsWith(prefix) && (options.cursor === undefined || k > options.cursor) && live(k))
        .sort();
      const page = keys.slice(0, limit);
      const entries: StoredEntry[] = page.map((key) => ({
        key,
        value: JSON.parse(live(key)?.json ?? 'null') as unknown,
      }));
      const last = page[page.length - 1];
      return Promise.resolve({ entries, ...(keys.length > limit && last !== undefined ? { cursor: last } : {}) });
    },
  };
  const secrets: SecretStore = {
    get: (key) => {
      const json = secret.get(key);
      return Promise.resolve(json === undefined ? undefined : (JSON.parse(json) as unknown));
    },
    set: (key, value) => {
      secret.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
    delete: (key) => {
      secret.delete(key);
      return Promise.resolve();
    },
  };
  return { kv, secrets };
}

interface Waiting {
  id: string;
  body: unknown;
  attempt: number;
  dueAt: number;
  queuedAt: number;
}

/** The two cron forms the service schedules: every n minutes, and hourly at minute m. */
function cronInterval(cron: string): number {
  const every = /^\*\/(\d{1,2}) \* \* \* \*$/.exec(cron);
  if (every?.[1]) return Number(every[1]) * 60_000;
  if (/^\d{1,2} \* \* \* \*$/.test(cron)) return 3_600_000;
  throw new Error(`the in-memory engine schedules only "*/n * * * *" and "m * * * *", not "${cron}"`);
}

type Handler = (delivery: JobDelivery) => Promise<JobVerdict>;

class MemoryJobEngine implements JobEngine {
  private seq = 0;
  private readonly waiting: Record<QueueName, Waiting[]> = { sync: [], migration: [] };
  private readonly handlers: Partial<Record<QueueName, Handler>> = {};
  private readonly running = new Map<QueueName, Promise<void>>();
  private readonly dead: DeadLetter[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly newId: () => string = () => `job-${(this.seq += 1)}`,
  ) {}

  private later(ms: number, run: () => void, repeat = false): void {
    const timer: NodeJS.Timeout = repeat
      ? setInterval(run, ms)
      : setTimeout(() => {
          this.timers.delete(timer);
          run();
        }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs the next due job of `queue` if none runs; otherwise wakes up when the earliest delayed one is due. */
  private pump(queue: QueueName): void {
    const handler = this.handlers[queue];
    if (this.stopped || !handler || this.running.has(queue)) return;
    const list = this.waiting[queue];
    const index = list.findIndex((w) => w.dueAt <= this.now());
    const job = index >= 0 ? list.splice(index, 1)[0] : undefined;
    if (!job) {
      const next = Math.min(...list.map((w) => w.dueAt));
      if (Number.isFinite(next)) this.later(Math.max(1, next - this.now()), () => this.pump(queue));
      return;
    }
    const done = handler({ id: job.id, queue, body: job.body, attempt: job.attempt })
      .catch((error: unknown): JobVerdict => ({
        kind: 'dead',
        reason: error instanceof Error ? error.message : String(error),
      }))
      .then((verdict) => {
        if (verdict.kind === 'retry')
          list.push({ ...job, attempt: job.attempt + 1, dueAt: this.now() + verdict.afterSeconds * 1000 });
        if (verdict.kind === 'dead')
          this.dead.unshift({ id: job.id, queue, body: job.body, reason: verdict.reason, failedAt: this.now() });
      })
      .finally(() => {
        this.running.delete(queue);
        setImmediate(() => this.pump(queue));
      });
    this.running.set(queue, done);
  }

  queue(name: QueueName): JobQueue {
    return {
      push: (jobs, push) => {
        const at = this.now();
        for (const body of jobs)
          this.waiting[name].push({
            id: this.newId(),
            body,
            attempt: 0,
            dueAt: at + (push?.delaySeconds ?? 0) * 1000,
            queuedAt: at,
          });
        setImmediate(() => this.pump(name));
        return Promise.resolve();
      },
    };
  }

  work(name: QueueName, handler: Handler): Promise<void> {
    this.handlers[name] = handler;
    setImmediate(() => this.pump(name));
    return Promise.resolve();
  }

  schedule(_name: string, cron: string, run: () => Promise<void>): Promise<void> {
    this.later(cronInterval(cron), () => void run().catch(() => undefined), true);
    return Promise.resolve();
  }

  deadLetters(limit: number): Promise<DeadLetter[]> {
    return Promise.resolve(this.dead.slice(0, limit));
  }

  stats(): Promise<QueueStats[]> {
    const of = (queue: QueueName): QueueStats => {
      const due = this.waiting[queue].filter((w) => w.dueAt <= this.now());
      return {
        queue,
        queued: this.waiting[queue].length,
        active: this.running.has(queue) ? 1 : 0,
        oldestQueuedMs: due.length ? this.now() - Math.min(...due.map((w) => w.queuedAt)) : 0,
      };
    };
    return Promise.resolve([of('sync'), of('migration')]);
  }

  async stop({ timeoutMs }: { timeoutMs: number }): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    let timeout: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(this.running.values()), waited]);
    clearTimeout(timeout);
  }
}

export function createMemoryJobEngine(options: { now?: () => number; newId?: () => string } = {}): JobEngine {
  return new MemoryJobEngine(options.now ?? Date.now, options.newId);
}
