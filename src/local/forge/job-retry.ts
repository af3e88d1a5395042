/**
 * Forge's retry policy for queue jobs (async events): how long a failed job waits before its next attempt, the
 * `retryContext` that attempt receives, and the 24 h retention window past which a job is a dead letter instead.
 */

const RETENTION_MS = 24 * 3600 * 1000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 900_000;

/** What the policy reads of a job: when it was pushed and how its earlier attempts ended. */
export interface JobAttempts {
  pushedAt: number;
  retryCount: number;
  retryReason?: string;
  retryData?: unknown;
}

/** A thrown error or a timeout: retried with exponential backoff, capped. */
export function failureRetry(job: JobAttempts, timedOut: boolean | undefined): { delayMs: number; reason: string } {
  return {
    delayMs: Math.min(BACKOFF_BASE_MS * 2 ** job.retryCount, BACKOFF_MAX_MS),
    reason: timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
  };
}

/** True when an attempt due at `dueAt` would fall outside the job's retention window. */
export function outlivesRetention(job: JobAttempts, dueAt: number): boolean {
  return dueAt > job.pushedAt + RETENTION_MS;
}

export function retryContext(job: JobAttempts, now: number): Record<string, unknown> {
  return {
    retryCount: job.retryCount,
    retryReason: job.retryReason ?? 'FUNCTION_RETRY_REQUEST',
    retryData: job.retryData,
    retentionWindow: {
      startTime: new Date(job.pushedAt).toISOString(),
      remainingTimeMs: Math.max(0, job.pushedAt + RETENTION_MS - now),
    },
  };
}
