/**
 * The app's ports in memory, for use-case tests that need no world: storage as a map (TTLs kept, not enforced),
 * queues that record their pushes, a clock that moves only when told, and remotes that refuse every call not
 * given, so a test states each call its use case may make.
 */
import type { AppDeps } from '../../src/app/deps';
import type { B24Port } from '../../src/ports/b24';
import type { JiraPort } from '../../src/ports/jira';
import type { Logger } from '../../src/ports/log';
import type { JobBody, JobQueue, PushOptions } from '../../src/ports/queue';
import type { JsonValue, KeyValueStore, SecretStore } from '../../src/ports/store';

export interface MemoryKv extends KeyValueStore {
  data: Map<string, JsonValue>;
}

export function memoryKv(): MemoryKv {
  const data = new Map<string, JsonValue>();
  return {
    data,
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => Promise.resolve(void data.set(key, structuredClone(value))),
    delete: (key) => Promise.resolve(void data.delete(key)),
    setIfAbsent: (key, value) => {
      if (data.has(key)) return Promise.resolve(false);
      data.set(key, structuredClone(value));
      return Promise.resolve(true);
    },
    listByPrefix: (prefix, options) => {
      const keys = [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
      const entries = keys.slice(0, options?.limit ?? keys.length).map((key) => ({ key, value: data.get(key) }));
      return Promise.resolve({ entries });
    },
  };
}

export interface RecordingQueue extends JobQueue {
  pushed: { jobs: JobBody[]; options?: PushOptions }[];
  /** Every job pushed so far, in order. */
  jobs(): JobBody[];
}

export function recordingQueue(refuse?: () => Error | null): RecordingQueue {
  const pushed: RecordingQueue['pushed'] = [];
  return {
    pushed,
    jobs: () => pushed.flatMap((p) => p.jobs),
    push(jobs, options) {
      const refusal = refuse?.();
      if (refusal) return Promise.reject(refusal);
      pushed.push({ jobs: structuredClone(jobs), ...(options ? { options } : {}) });
      return Promise.resolve();
    },
  };
}

/** A remote whose every method fails the test unless the test gave it. */
function strict<T extends object>(name: string, given: Partial<T>): T {
  return new Proxy(given as T, {
    get(target, prop) {
      if (prop in target) return (target as Record<PropertyKey, unknown>)[prop];
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      return () => Promise.reject(new Error(`unexpected ${name}.${prop} call`));
    },
  });
}

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

export interface MemoryDeps extends AppDeps {
  kv: MemoryKv;
  syncQueue: RecordingQueue;
  migrationQueue: RecordingQueue;
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
}

export function memoryDeps(
  over: { jira?: Partial<JiraPort>; b24?: Partial<B24Port>; now?: number; syncQueue?: RecordingQueue } & Partial<
    Pick<AppDeps, 'ownAccounts'>
  > = {},
): MemoryDeps {
  let now = over.now ?? Date.UTC(2026, 11, 7, 12, 0, 0);
  let ids = 0;
  const secrets = new Map<string, JsonValue>();
  const secretStore: SecretStore = {
    get: (key) => Promise.resolve(secrets.get(key)),
    set: (key, value) => Promise.resolve(void secrets.set(key, value)),
    delete: (key) => Promise.resolve(void secrets.delete(key)),
  };
  return {
    kv: memoryKv(),
    secrets: secretStore,
    log: silent,
    clock: { now: () => now },
    newId: () => `id-${(ids += 1)}`,
    jira: strict<JiraPort>('jira', over.jira ?? {}),
    b24: strict<B24Port>('b24', over.b24 ?? {}),
    syncQueue: over.syncQueue ?? recordingQueue(),
    migrationQueue: recordingQueue(),
    ...(over.ownAccounts ? { ownAccounts: over.ownAccounts } : {}),
    advance: (ms) => {
      now += ms;
    },
  };
}
