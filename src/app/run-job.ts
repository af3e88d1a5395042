/**
 * Runs one sync job and turns its end into an outcome the consumer understands: done, retry later, or given up.
 * Every job ends in the journal; a job that gives up keeps itself there for Retry.
 */
import { isRetryable, isSyncError, RetryableError } from '../core/errors';
import type { AppDeps } from './deps';
import { jobSubject, toJobBody, type SyncJob } from './jobs';
import { JournalStore } from './store/journal';
import { SyncContext } from './sync-context';
import { dispatchJob } from './dispatch';
import { holdingBackSecured } from './pair/secured';

/**
 * Forge keeps retrying for 24 h; past this many attempts (hours, with the platform's backoff) a job is a dead
 * letter, visible and retryable. Generous, because under rate limiting most attempts fail for a while.
 */
export const MAX_ATTEMPTS = 25;

export type JobOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; retryAfterMs?: number; rateLimited: boolean }
  | { kind: 'failed'; message: string };

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export async function runSyncJob(job: SyncJob, deps: AppDeps, options: { attempt: number }): Promise<JobOutcome> {
  const ctx = await SyncContext.create(deps);
  const started = deps.clock.now();
  try {
    await holdingBackSecured(ctx, jobSubject(job).taskId, () => dispatchJob(job, ctx));
    return { kind: 'done' };
  } catch (error) {
    const retryable = isRetryable(error);
    if (retryable && options.attempt + 1 < MAX_ATTEMPTS) {
      deps.log.warn('sync job will be retried', { kind: job.kind, attempt: options.attempt, error: describe(error) });
      return {
        kind: 'retry',
        rateLimited: error instanceof RetryableError && error.reason === 'rate-limited',
        ...(error instanceof RetryableError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      };
    }
    const message = retryable ? `gave up after ${options.attempt + 1} attempts: ${describe(error)}` : describe(error);
    deps.log.error('sync job failed', { kind: job.kind, code: isSyncError(error) ? error.code : 'unexpected', error: describe(error) });
    await new JournalStore(deps.kv, deps.newId, deps.log).record({
      at: deps.clock.now(),
      projectKey: ctx.projectKeyFor(job) ?? '-',
      direction: 'none',
      operation: job.kind,
      ...jobSubject(job),
      fields: [],
      outcome: 'failed',
      message,
      calls: ctx.calls(),
      durationMs: deps.clock.now() - started,
      retryJob: toJobBody({ ...job }),
    });
    return { kind: 'failed', message };
  }
}
