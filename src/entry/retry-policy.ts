/** How a job's outcome becomes a platform retry: Forge caps retryAfter at 900 s. */
import type { JobOutcome } from '../app/run-job';

export const MAX_RETRY_AFTER_SECONDS = 900;

export function retryDecision(outcome: JobOutcome): { retryAfterSeconds: number; rateLimited: boolean } | null {
  if (outcome.kind !== 'retry') return null;
  const seconds = Math.ceil((outcome.retryAfterMs ?? 30_000) / 1000);
  return { retryAfterSeconds: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds)), rateLimited: outcome.rateLimited };
}
