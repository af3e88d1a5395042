/**
 * The Activity tab: the project's journal newest first, filtered, with per-day counts for the chart, and Retry
 * that re-queues exactly the job a failed entry kept.
 */
import { syncJobSchema, toJobBody } from '../sync-jobs';
import type { AppDeps } from '../deps';
import { type JournalEntry } from '../store/journal';
import { AdminError } from './admin-errors';
import { storesOf } from '../store/stores';

const DAY_MS = 24 * 3600 * 1000;
/** Filtering happens after reading, so a bounded number of pages keeps "errors only" from scanning 30 days. */
const MAX_PAGES = 10;

export interface ActivityQuery {
  limit: number;
  cursor?: string;
  errorsOnly?: boolean;
  sinceDays?: number;
}

export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  synced: number;
  errors: number;
}

export interface ActivityPage {
  entries: (JournalEntry & { canRetry: boolean; entity: string })[];
  cursor?: string;
  perDay: DayCount[];
}

const isError = (e: JournalEntry): boolean => e.outcome === 'failed' || e.outcome === 'conflict';

export async function readActivity(deps: AppDeps, projectKey: string, query: ActivityQuery): Promise<ActivityPage> {
  const journal = storesOf(deps).journal;
  const since = query.sinceDays === undefined ? 0 : deps.clock.now() - query.sinceDays * DAY_MS;
  const keep = (e: JournalEntry): boolean => e.at >= since && (!query.errorsOnly || isError(e));
  const entries: JournalEntry[] = [];
  let cursor = query.cursor;
  for (let page = 0; page < MAX_PAGES && entries.length < query.limit; page += 1) {
    const result = await journal.list(projectKey, { limit: query.limit, ...(cursor ? { cursor } : {}) });
    entries.push(...result.entries.filter(keep));
    cursor = result.cursor;
    // Newest first: once a page ends before the window, nothing older can match.
    const oldest = result.entries.at(-1);
    if (!cursor || (oldest && oldest.at < since)) {
      cursor = undefined;
      break;
    }
  }
  const shown = entries.slice(0, query.limit);
  return {
    entries: shown.map((e) => ({
      ...e,
      entity: entityLabel(e),
      canRetry: e.outcome === 'failed' && e.retryJob !== undefined,
    })),
    ...(cursor ? { cursor } : {}),
    perDay: countPerDay(shown),
  };
}

/** "task 12 ⇄ DEMO-3": both sides, as far as the entry knows them. */
function entityLabel(e: JournalEntry): string {
  const task = e.taskId ? `task ${e.taskId}` : '';
  const issue = e.issueKey ?? e.issueId ?? '';
  return task && issue ? `${task} ⇄ ${issue}` : task || issue || e.operation;
}

function countPerDay(entries: JournalEntry[]): DayCount[] {
  const days = new Map<string, DayCount>();
  for (const e of entries) {
    const day = new Date(e.at).toISOString().slice(0, 10);
    const row = days.get(day) ?? { day, synced: 0, errors: 0 };
    if (e.outcome === 'synced') row.synced += 1;
    if (isError(e)) row.errors += 1;
    days.set(day, row);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export async function retryEntry(deps: AppDeps, projectKey: string, entryId: string): Promise<void> {
  const entry = await storesOf(deps).journal.find(projectKey, entryId);
  if (!entry)
    throw new AdminError('This journal entry no longer exists (entries are kept for 30 days).', 'activity.entryGone');
  if (entry.outcome !== 'failed') throw new AdminError('Only failed entries can be retried.', 'activity.notFailed');
  const job = syncJobSchema.safeParse(entry.retryJob);
  if (!job.success)
    throw new AdminError(
      'This entry cannot be retried: it did not keep the work that failed. Use "Sync now" on the issue instead.',
      'activity.noRetryJob',
    );
  const retry = job.data.kind === 'pair-sync' ? { ...job.data, origin: 'retry' as const } : job.data;
  await deps.syncQueue.push([toJobBody(retry)]);
}
