/**
 * How the job engines tell which jobs must not overlap (see adapters/pgboss/engine.ts for why there are two keys).
 * A body that is not a valid sync job gets no key: its consumer drops it with a log line, overlapping nothing.
 */
import { syncJobSchema } from '../app/sync-jobs';
import { entityKeyOf, pairKeyOf } from '../app/pair-key';
import { LinkStore } from '../app/store/links';
import type { JobBody } from '../ports/queue';
import type { KeyValueStore } from '../ports/store';

export interface JobKeys {
  /** The entity a job names, fixed when it is pushed (pg-boss's singletonKey); null for none. */
  entity(body: JobBody): string | null;
  /** The pair a job touches, looked up when it runs; null when it may run beside anything. */
  pair(body: JobBody): Promise<string | null>;
}

export function syncJobKeys(kv: KeyValueStore): JobKeys {
  const links = new LinkStore(kv);
  return {
    entity: (body) => {
      const parsed = syncJobSchema.safeParse(body);
      return parsed.success ? entityKeyOf(parsed.data) : null;
    },
    pair: async (body) => {
      const parsed = syncJobSchema.safeParse(body);
      return parsed.success ? pairKeyOf(parsed.data, links) : null;
    },
  };
}
