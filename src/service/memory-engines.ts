/**
 * Engines in memory, for the service's tests and as the stand-in until the SQL store and the pg-boss queue are
 * wired (./engines-factory.ts): the same contracts (./engines.ts), nothing durable. Jobs run one at a time per
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
  const hold = (value: JsonValue, ttlSeconds?: number): Held => ({ json: JSON.stringify(value), ...(ttlSeconds ? { expireAt: now() + ttlSeconds * 1000 } : {}) });
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
      const keys = [...plain.keys()].filter((k) => k.startsWith(prefix) && (options.cursor === undefined || k > options.cursor) && live(k)).sort();
      const page = keys.slice(0, limit);
      const entries: StoredEntry[] = page.map((key) => ({ key, value: JSON.parse(live(key)?.json ?? 'null') as unknown }));
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

export function createMemoryJobEngine(options: { now?: () => number; newId?: () => string } = {}): JobEngine {
  const now = options.now ?? Date.now;
  let seq = 0;
  const newId = options.newId ?? (() => `job-${(seq += 1)}`);
  const waiting: Record<QueueName, Waiting[]> = { sync: [], migration: [] };
  const handlers: Partial<Record<QueueName, (delivery: JobDelivery) => Promise<JobVerdict>>> = {};
  const running = new Map<QueueName, Promise<void>>();
  const dead: DeadLetter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (ms: number, run: () => void, repeat = false): void => {
    const timer = repeat ? setInterval(run, ms) : setTimeout(() => { timers.delete(timer); run(); }, ms);
    timer.unref();
    timers.add(timer);
  };

  const pump = (queue: QueueName): void => {
    const handler = handlers[queue];
    if (stopped || !handler || running.has(queue)) return;
    const list = waiting[queue];
    const index = list.findIndex((w) => w.dueAt <= now());
    if (index < 0) {
      const next = Math.min(...list.map((w) => w.dueAt));
      if (Number.isFinite(next)) later(Math.max(1, next - now()), () => pump(queue));
      return;
    }
    const [job] = list.splice(index, 1);
    if (!job) return;
    const done = handler({ id: job.id, queue, body: job.body, attempt: job.attempt })
      .catch((error: unknown): JobVerdict => ({ kind: 'dead', reason: error instanceof Error ? error.message : String(error) }))
      .then((verdict) => {
        if (verdict.kind === 'retry') list.push({ ...job, attempt: job.attempt + 1, dueAt: now() + verdict.afterSeconds * 1000 });
        if (verdict.kind === 'dead') dead.unshift({ id: job.id, queue, body: job.body, reason: verdict.reason, failedAt: now() });
      })
      .finally(() => {
        running.delete(queue);
        setImmediate(() => pump(queue));
      });
    running.set(queue, done);
  };

  const queueOf = (name: QueueName): JobQueue => ({
    push: (jobs, push) => {
      const at = now();
      for (const body of jobs) waiting[name].push({ id: newId(), body, attempt: 0, dueAt: at + (push?.delaySeconds ?? 0) * 1000, queuedAt: at });
      setImmediate(() => pump(name));
      return Promise.resolve();
    },
  });

  const stats = (queue: QueueName): QueueStats => {
    const due = waiting[queue].filter((w) => w.dueAt <= now());
    return { queue, queued: waiting[queue].length, active: running.has(queue) ? 1 : 0, oldestQueuedMs: due.length ? now() - Math.min(...due.map((w) => w.queuedAt)) : 0 };
  };

  return {
    queue: queueOf,
    work: (name, handler) => {
      handlers[name] = handler;
      setImmediate(() => pump(name));
      return Promise.resolve();
    },
    schedule: (_name, cron, run) => {
      later(cronInterval(cron), () => void run().catch(() => undefined), true);
      return Promise.resolve();
    },
    deadLetters: (limit) => Promise.resolve(dead.slice(0, limit)),
    stats: () => Promise.resolve((['sync', 'migration'] as const).map(stats)),
    stop: async ({ timeoutMs }) => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      let timeout: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => { timeout = setTimeout(resolve, timeoutMs); });
      await Promise.race([Promise.all(running.values()), waited]);
      clearTimeout(timeout);
    },
  };
}
