/**
 * The app's job outcome as the service's job engine understands it, through the same retry policy as Forge's
 * consumer (exponential backoff, never sooner than the remote's Retry-After).
 */
import type { JobOutcome } from '../app/run-sync-job';
import { retryDecision } from '../app/retry-policy';
import type { JobVerdict } from './engines';

export function serviceVerdict(outcome: JobOutcome, attempt: number): JobVerdict {
  if (outcome.kind === 'done') return { kind: 'done' };
  if (outcome.kind === 'failed') return { kind: 'dead', reason: outcome.message };
  const decision = retryDecision(outcome, attempt);
  // retryDecision answers null only for outcomes that are not retries, which were handled above.
  return decision ? { kind: 'retry', afterSeconds: decision.retryAfterSeconds } : { kind: 'done' };
}
