import type { JsonValue } from './store';

/** A unit of work as the consumer receives it in `event.body`. */
export type JobBody = { [key: string]: JsonValue };

/**
 * The longest a queued job may be delayed, and the longest retry wait: Forge's cap on `delayInSeconds` and on an
 * invocation's `retryAfter`. Every pacer and retry policy clamps to this one figure.
 */
export const MAX_QUEUE_DELAY_SECONDS = 900;

export interface PushOptions {
  /** 0–MAX_QUEUE_DELAY_SECONDS; used to re-queue after a rate limit instead of sleeping. */
  delaySeconds?: number;
}

export interface JobQueue {
  /** Pushes every job; the adapter splits them into as many platform pushes as its limits require. */
  push(jobs: JobBody[], options?: PushOptions): Promise<void>;
}
