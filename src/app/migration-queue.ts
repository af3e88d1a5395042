/**
 * Runs one job of the `migration` queue (a migration page, a dry-run step or a reconciliation's continuation) and
 * says how it ended, in the sync consumer's terms (done, retry later, failed). It sits above migration/ and
 * reconcile/, which never import each other: the migration's hand-over to reconciliation is passed in here. A
 * migration that runs out of retries is marked failed in its progress record, where the settings page shows it and
 * `startMigration` resumes it from its cursors.
 */
import { z } from 'zod';
import { errorMessage, isRetryable, RetryableError } from '../core/errors';
import { MAX_QUEUE_DELAY_SECONDS } from '../ports/queue';
import type { AppDeps } from './deps';
import { failureNote } from './job-failure-note';
import { failDryRun, runDryRunPage } from './migration/dry-run';
import { dryRunPageJobSchema, migrationPageJobSchema, type MigrationPageJob } from './migration/jobs';
import { runMigrationPage } from './migration/page';
import { reconcileFromNow } from './reconcile/after-migration';
import { reconcilePageJobSchema } from './reconcile/jobs';
import { continueReconcile } from './reconcile/reconcile';
import type { JobOutcome } from './run-sync-job';
import { storesOf } from './store/stores';

export const migrationQueueJobSchema = z.discriminatedUnion('kind', [
  migrationPageJobSchema,
  reconcilePageJobSchema,
  dryRunPageJobSchema,
]);
export type MigrationQueueJob = z.infer<typeof migrationQueueJobSchema>;

const MIGRATION_MAX_ATTEMPTS = 8;

/** A page that arrived before its predecessor was recorded asks again after this long. */
const WAIT_MS = 60_000;

/**
 * A page competes with the sync jobs it enqueued for the same Bitrix24 bucket, so it backs off exponentially
 * (15 s, 30 s, … up to the queue's delay cap) rather than retrying at the remote's shortest hint and starving.
 */
function retryOf(error: unknown, attempt: number): JobOutcome {
  const hinted = error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0;
  return {
    kind: 'retry',
    rateLimited: error instanceof RetryableError && error.reason === 'rate-limited',
    retryAfterMs: Math.min(MAX_QUEUE_DELAY_SECONDS * 1000, Math.max(hinted, 15_000 * 2 ** attempt)),
  };
}

/** `why`: the stop as a message code the Migration tab words (`errors.<code>`), beside the English sentence. */
async function markFailed(
  deps: AppDeps,
  job: MigrationPageJob,
  message: string,
  why: { code: string; params: Record<string, string> },
): Promise<void> {
  const store = storesOf(deps).migrationProgress;
  const progress = await store.get(job.projectKey);
  if (progress?.runId !== job.runId || progress.state !== 'running') return;
  await store.save(job.projectKey, {
    ...progress,
    state: 'failed',
    error: message,
    errorCode: why.code,
    errorParams: why.params,
    updatedAt: deps.clock.now(),
  });
}

async function runPage(deps: AppDeps, job: MigrationPageJob, attempt: number): Promise<JobOutcome> {
  const outcome = await runMigrationPage(deps, job, reconcileFromNow);
  if (outcome.kind !== 'wait') return { kind: 'done' };
  if (attempt + 1 < MIGRATION_MAX_ATTEMPTS) return { kind: 'retry', retryAfterMs: WAIT_MS, rateLimited: false };
  // The predecessor never got recorded (its job is gone): stop here; startMigration resumes from the cursors.
  await markFailed(deps, job, 'A page of the migration was lost; start the migration again to resume.', {
    code: 'migration.pageLost',
    params: {},
  });
  return { kind: 'failed', message: outcome.reason };
}

export async function runMigrationQueueJob(
  job: MigrationQueueJob,
  deps: AppDeps,
  options: { attempt: number },
): Promise<JobOutcome> {
  try {
    if (job.kind === 'reconcile-page') {
      await continueReconcile(deps, job);
      return { kind: 'done' };
    }
    if (job.kind === 'dry-run-page') {
      await runDryRunPage(deps, job);
      return { kind: 'done' };
    }
    return await runPage(deps, job, options.attempt);
  } catch (error) {
    if (isRetryable(error) && options.attempt + 1 < MIGRATION_MAX_ATTEMPTS) {
      deps.log.warn('migration queue job will be retried', {
        kind: job.kind,
        attempt: options.attempt,
        error: errorMessage(error),
      });
      return retryOf(error, options.attempt);
    }
    deps.log.error('migration queue job failed', {
      kind: job.kind,
      projectKey: job.projectKey,
      error: errorMessage(error),
    });
    if (job.kind === 'migration-page') {
      const failure = failureNote(error, null, errorMessage(error));
      await markFailed(deps, job, errorMessage(error), {
        code: failure.params.reason ?? 'jobFailed',
        params: failure.params,
      });
    }
    if (job.kind === 'dry-run-page') await failDryRun(deps, job);
    return { kind: 'failed', message: errorMessage(error) };
  }
}
