/**
 * Jobs that ran out of retries while the remote kept failing (a long outage, a rate-limit spell). Each is kept
 * once, under a key derived from the job itself, so the same job giving up twice is one entry; reconciliation
 * takes them and queues them again. The job re-reads everything, so a late run can only do what is still due.
 */
import type { SyncJob } from '../sync-jobs';
import { syncJobSchema, toJobBody } from '../sync-jobs';
import type { KeyValueStore } from '../../ports/store';
import { hash53, stableStringify } from '../../core/sync/stable';
import { keys } from './keys';

/** Long enough to outlive any outage reconciliation can still repair; short enough not to pile up. */
const GAVE_UP_TTL_SECONDS = 7 * 24 * 3600;

export class GaveUpStore {
  constructor(private readonly kv: KeyValueStore) {}

  async add(job: SyncJob, at: number): Promise<void> {
    await this.kv.set(
      keys.gaveUp(hash53(stableStringify(job))),
      { at, job: toJobBody(job) },
      { ttlSeconds: GAVE_UP_TTL_SECONDS },
    );
  }

  /** Up to `limit` jobs with their keys; the caller queues them, then removes the keys. */
  async list(limit: number): Promise<{ key: string; job: SyncJob | null }[]> {
    const page = await this.kv.listByPrefix(keys.gaveUpPrefix(), { limit });
    return page.entries.map(({ key, value }) => {
      const body = typeof value === 'object' && value !== null && 'job' in value ? value.job : undefined;
      const parsed = syncJobSchema.safeParse(body);
      return { key, job: parsed.success ? parsed.data : null };
    });
  }

  async remove(key: string): Promise<void> {
    await this.kv.delete(key);
  }
}
