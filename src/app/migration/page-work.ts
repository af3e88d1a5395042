/**
 * What one migration page did, for its journal entry, its checkpoint and the pacing of the next page; and the
 * sizes both sides page and chunk by.
 */
import { DEFAULT_LIMITS } from '../../core/migration/cost';
import type { MigrationSide } from '../store/migration-progress';
import type { ChunkResult } from './chunk';
import type { PageSpend } from './page-pacing';

/**
 * Tasks per tasks.task.list page (fixed by Bitrix24), pages per batch, issues per search page and search pages per
 * job: 450 entities a page on each side, so the sides alternate evenly and a page's events fit the Forge queue's
 * minute with room to spare (src/core/migration/cost.ts says why; the cost model and the engine share the figures).
 */
export const TASK_PAGE = DEFAULT_LIMITS.tasksPerListPage;
export const LIST_PAGES_PER_BATCH = DEFAULT_LIMITS.listPagesPerBatch;
export const ISSUE_PAGE = DEFAULT_LIMITS.issuesPerSearchPage;
export const ISSUE_PAGES_PER_JOB = DEFAULT_LIMITS.searchPagesPerJob;
/** Elements per bulk create and commands per batch. */
const CHUNK = 50;

export interface PageWork {
  /** What the page spent, for pacing the next one. */
  spend: PageSpend;
  listed: number;
  alreadyLinked: number;
  next: string | null;
  last: boolean;
  result: ChunkResult;
}

/** The Bitrix24 methods each side's pages spend operating time on (the pacer's resource names). */
export const SIDE_METHODS: Record<MigrationSide, string[]> = {
  jira: ['b24:tasks.task.add', 'b24:task.commentitem.add'],
  b24: ['b24:tasks.task.update', 'b24:tasks.task.list', 'b24:task.commentitem.getlist'],
};

export const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
