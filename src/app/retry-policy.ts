/**
 * How a job's outcome becomes a platform retry. Retries back off exponentially (30 s, 1 min, 2 min … up to
 * Forge's cap per retry, ports/queue.ts), never sooner than the remote's own `Retry-After`, so the retry budget
 * (run-sync-job MAX_ATTEMPTS) spans hours: a Bitrix24 rate-limit spell or an outage of an hour or more is waited out
 * instead of exhausting the budget in seconds.
 */
import type { JobOutcome } from './run-sync-job';
import { MAX_QUEUE_DELAY_SECONDS } from '../ports/queue';

const MAX_RETRY_AFTER_SECONDS = MAX_QUEUE_DELAY_SECONDS;
const FIRST_BACKOFF_SECONDS = 30;

/** The wait before retry number `attempt + 1` (attempt 0 is the first run). */
export function backoffSeconds(attempt: number): number {
  return Math.min(MAX_RETRY_AFTER_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** Math.max(0, Math.min(attempt, 16)));
}

export function retryDecision(
  outcome: JobOutcome,
  attempt = 0,
): { retryAfterSeconds: number; rateLimited: boolean } | null {
  if (outcome.kind !== 'retry') return null;
  const asked = Math.ceil((outcome.retryAfterMs ?? 0) / 1000);
  const seconds = Math.max(asked, backoffSeconds(attempt));
  return {
    retryAfterSeconds: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds)),
    rateLimited: outcome.rateLimited,
  };
}
