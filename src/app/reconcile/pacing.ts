/**
 * How fast reconciliation feeds the sync queue with pair-sync jobs (the bulk migration paces whole pages instead:
 * migration/page-pacing.ts). Functions must not sleep, so pacing is done with `delaySeconds` on pushes: the jobs of one page
 * are spread out, and the next page waits until they have had their turn.
 *
 * The budget is Bitrix24's: its leaky bucket drains 2 requests/s (capacity 50), while a pairing job costs about
 * SECONDS_PER_JOB × 2 Bitrix24 requests (read the task, create or mark it, read back — see the report's figures). Jira's
 * points quota (tens of thousands per hour) is not the bottleneck at this pace. The Forge cap of 500 queue events
 * per minute per installation is far away too (≈ 40 a minute here).
 */
import { MAX_QUEUE_DELAY_SECONDS } from '../../ports/queue';

export const SECONDS_PER_JOB = 1.5;

/** Jobs pushed with the same delay: a push call carries at most 50 events, and fewer calls are cheaper. */
const GROUP = 5;

export interface PacedBatch<T> {
  delaySeconds: number;
  items: T[];
}

/** Spreads `items` over time starting at `offsetSeconds`, GROUP at a time. */
export function paceJobs<T>(items: T[], offsetSeconds = 0): PacedBatch<T>[] {
  const batches: PacedBatch<T>[] = [];
  for (let i = 0; i < items.length; i += GROUP) {
    const delaySeconds = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.round(offsetSeconds + i * SECONDS_PER_JOB));
    batches.push({ delaySeconds, items: items.slice(i, i + GROUP) });
  }
  return batches;
}

/** The next page starts once this page's jobs have had their slots; an empty page moves on at once. */
export function nextPageDelay(jobCount: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil(jobCount * SECONDS_PER_JOB));
}
