/**
 * Consumer of the `migration` queue: one page of an initial migration, or the continuation of a reconciliation.
 * Transient failures come back as an InvocationError (Forge retries later; functions never sleep).
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { migrationQueueJobSchema } from '../app/migration/jobs';
import { runMigrationQueueJob } from '../app/migration/consume';
import { composeApp } from './composition';
import { retryDecision } from './retry-policy';
import type { QueueEvent } from './sync-consumer';

export async function onMigrationJob(event: QueueEvent, _context?: unknown): Promise<InvocationError | undefined> {
  const deps = composeApp({ handler: 'migration' });
  const parsed = migrationQueueJobSchema.safeParse(event.body);
  if (!parsed.success) {
    deps.log.error('dropped a malformed migration job', { problems: parsed.error.issues.length });
    return undefined;
  }
  const outcome = await runMigrationQueueJob(parsed.data, deps, { attempt: event.retryContext?.retryCount ?? 0 });
  const decision = retryDecision(outcome);
  if (!decision) return undefined;
  return new InvocationError({
    retryAfter: decision.retryAfterSeconds,
    retryReason: decision.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
