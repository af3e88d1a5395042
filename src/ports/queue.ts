import type { JsonValue } from './store';

/** A unit of work as the consumer receives it in `event.body`. */
export type JobBody = { [key: string]: JsonValue };

export interface PushOptions {
  /** 0–900 s (Forge's limit); used to re-queue after a rate limit instead of sleeping. */
  delaySeconds?: number;
}

export interface JobQueue {
  /** Pushes every job; the adapter splits them into as many platform pushes as its limits require. */
  push(jobs: JobBody[], options?: PushOptions): Promise<void>;
}
