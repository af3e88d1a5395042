/**
 * Consumer of the `sync` queue: one job, one entity change. A transient failure asks Forge to retry later by
 * returning an InvocationError (never sleeping inside the function); after the retry budget, or on a permanent
 * failure, the job becomes a failed journal entry that the activity tab can retry.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { runSyncJob } from '../app/run-job';
import { syncJobSchema } from '../app/jobs';
import { composeApp } from './composition';
import { retryDecision } from './retry-policy';

export interface QueueEvent {
  body: unknown;
  retryContext?: { retryCount?: number };
}

export async function onSyncJob(event: QueueEvent): Promise<InvocationError | undefined> {
  const deps = composeApp({ handler: 'sync' });
  const parsed = syncJobSchema.safeParse(event.body);
  if (!parsed.success) {
    deps.log.error('dropped a malformed sync job', { problems: parsed.error.issues.length });
    return undefined;
  }
  const outcome = await runSyncJob(parsed.data, deps, { attempt: event.retryContext?.retryCount ?? 0 });
  const decision = retryDecision(outcome);
  if (!decision) return undefined;
  return new InvocationError({
    retryAfter: decision.retryAfterSeconds,
    retryReason: decision.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
