/**
 * Events the sync queue refused at intake, kept so that none is lost. Forge takes 500 pushes a minute per
 * installation; a push past that is refused (RateLimitError), and neither Bitrix24 (it never retries a delivery)
 * nor a Jira product trigger would bring the event back, so a person's edit would wait for reconciliation. Intake
 * pushes through `withBacklog`: a refused job is written to KVS instead, and the five-minute `event-watch` pushes
 * the kept jobs again (oldest first) before anything else. Jobs carry only ids, so a job kept twice or pushed late
 * is harmless: the consumer re-reads both sides.
 */
import { errorMessage, isRetryable } from '../../core/errors';
import type { JobQueue } from '../../ports/queue';
import type { AppDeps } from '../deps';
import { syncJobSchema, toJobBody } from '../sync-jobs';

const PREFIX = 'intake-backlog:';
/** Kept a week: past that, hourly reconciliation has long compared the pair anyway. */
const KEEP_SECONDS = 7 * 24 * 3600;
/** Jobs pushed again per tick: a tenth of the queue's minute, so the tick does not crowd out new events. */
const DRAIN_PER_TICK = 50;

type BacklogDeps = Pick<AppDeps, 'kv' | 'newId' | 'clock' | 'log' | 'syncQueue'>;

/** Keys sort by time (fixed-width milliseconds), so a drain takes the oldest first. */
const keyOf = (deps: BacklogDeps): string => `${PREFIX}${String(deps.clock.now()).padStart(15, '0')}-${deps.newId()}`;

export function withBacklog(deps: BacklogDeps): JobQueue {
  return {
    async push(jobs, options) {
      try {
        await deps.syncQueue.push(jobs, options);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        for (const job of jobs) await deps.kv.set(keyOf(deps), job, { ttlSeconds: KEEP_SECONDS });
        deps.log.warn('the sync queue refused events at intake: kept for the next five-minute tick', {
          jobs: jobs.length,
          error: errorMessage(error),
        });
      }
    },
  };
}

/** Pushes kept jobs again; a refusal leaves the rest for the next tick. Returns how many were pushed. */
export async function drainBacklog(deps: BacklogDeps): Promise<number> {
  const { entries } = await deps.kv.listByPrefix(PREFIX, { limit: DRAIN_PER_TICK });
  const valid = entries.flatMap((e) => {
    const parsed = syncJobSchema.safeParse(e.value);
    return parsed.success ? [{ key: e.key, body: toJobBody(parsed.data) }] : [];
  });
  // A kept value that is no job (written by another version, or tampered with) is dropped, and said so.
  for (const e of entries) {
    if (!valid.some((v) => v.key === e.key)) {
      deps.log.warn('dropped a kept intake job that is not a valid job', { key: e.key });
      await deps.kv.delete(e.key);
    }
  }
  // One job a push: when the queue's minute is nearly spent, the jobs that fit go now and the rest wait.
  let pushed = 0;
  for (const v of valid) {
    try {
      await deps.syncQueue.push([v.body]);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      break;
    }
    await deps.kv.delete(v.key);
    pushed += 1;
  }
  return pushed;
}
