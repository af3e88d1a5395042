/**
 * Runs one sync job and turns its end into an outcome the consumer understands: done, retry later, or given up.
 * Every job ends in the journal; a job that gives up keeps itself there for Retry.
 */
import { isRetryable, isSyncError, RetryableError } from '../core/errors';
import type { AppDeps } from './deps';
import { jobSubject, toJobBody, type SyncJob } from './sync-jobs';
import { failureNote } from './job-failure-note';
import { SyncContext } from './sync-context';
import { routeSyncJob } from './sync/router';
import { holdingBackSecured } from './sync/held-back';
import { PendingJobs } from './intake/pending-jobs';
import { stoppedByUninstall } from './stop-after-uninstall';
import { ReplayScreen } from './intake/replays';
import { storesOf } from './store/stores';

/**
 * Forge keeps retrying for 24 h; past this many attempts (about 5 hours with the consumer's exponential backoff,
 * app/retry-policy) a job gives up: journalled for Retry, and remembered so reconciliation queues it again.
 */
export const MAX_ATTEMPTS = 25;

/**
 * Errors no retry can cure: a SyncError says so itself; among the others, our own bugs (a TypeError, a stack
 * overflow) fail the same way every time, so they are permanent at once instead of burning hours of retries.
 */
function canRetry(error: unknown): boolean {
  if (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof SyntaxError ||
    error instanceof ReferenceError
  )
    return false;
  return isRetryable(error);
}

/** Where a failure is journalled: the job's project, its pair's, or else every configured one (a tab shows it). */
async function projectsOf(job: SyncJob, ctx: SyncContext, deps: AppDeps): Promise<string[]> {
  const known = ctx.projectKeyFor(job);
  if (known) return [known];
  try {
    const subject = jobSubject(job);
    const links = storesOf(deps).links;
    const link = subject.taskId
      ? await links.byTask(subject.taskId)
      : subject.issueId
        ? await links.byIssue(subject.issueId)
        : null;
    if (link) return [link.projectKey];
    const all = await storesOf(deps).configs.list();
    return all.length > 0 ? all : ['-'];
  } catch {
    return ['-'];
  }
}

export type JobOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; retryAfterMs?: number; rateLimited: boolean }
  | { kind: 'failed'; message: string };

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export async function runSyncJob(job: SyncJob, deps: AppDeps, options: { attempt: number }): Promise<JobOutcome> {
  const pending = new PendingJobs(deps.kv, () => deps.clock.now(), deps.newId);
  // Before anything is read: a change arriving from now on needs a job of its own.
  await pending.release(job);
  if (await stoppedByUninstall(deps, `sync job ${job.kind}`)) return { kind: 'done' };
  const ctx = await SyncContext.create(deps);
  const started = deps.clock.now();
  try {
    await holdingBackSecured(ctx, jobSubject(job).taskId, () => routeSyncJob(job, ctx));
    await new ReplayScreen(deps.kv, () => deps.clock.now()).finished(job, started);
    return { kind: 'done' };
  } catch (error) {
    const retryable = canRetry(error);
    if (retryable && options.attempt + 1 < MAX_ATTEMPTS) {
      // The retry is this job itself, so its claim is confirmed at once: it cannot die between claim and push.
      const claim = await pending.claim(job);
      if (!claim) {
        deps.log.info('sync job not retried: an identical job queued meanwhile does the same work', {
          kind: job.kind,
          attempt: options.attempt,
        });
        return { kind: 'done' };
      }
      await claim.confirm();
      deps.log.warn('sync job will be retried', { kind: job.kind, attempt: options.attempt, error: describe(error) });
      return {
        kind: 'retry',
        rateLimited: error instanceof RetryableError && error.reason === 'rate-limited',
        ...(error instanceof RetryableError && error.retryAfterMs !== undefined
          ? { retryAfterMs: error.retryAfterMs }
          : {}),
      };
    }
    const failed = failureNote(error, retryable ? options.attempt + 1 : null, describe(error));
    const message = failed.message;
    deps.log.error('sync job failed', {
      kind: job.kind,
      code: isSyncError(error) ? error.code : 'unexpected',
      error: describe(error),
    });
    const journal = storesOf(deps).journal;
    for (const projectKey of await projectsOf(job, ctx, deps)) {
      await journal.record({
        at: deps.clock.now(),
        projectKey,
        direction: 'none',
        operation: job.kind,
        ...jobSubject(job),
        fields: [],
        outcome: 'failed',
        message,
        notes: [failed],
        calls: ctx.calls(),
        durationMs: deps.clock.now() - started,
        retryJob: toJobBody({ ...job }),
      });
    }
    // A job that ran out of retries may well succeed later (the remote was down): reconciliation re-queues it.
    if (retryable) await storesOf(deps).gaveUp.add(job, deps.clock.now());
    return { kind: 'failed', message };
  }
}
