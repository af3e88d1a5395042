/**
 * What a chunk of the bulk migration reports back to its page, and the two things every chunk may need: handing a
 * pair the bulk path cannot finish to the single path (a `pair-sync` job), and a journal line naming an entity
 * that could not be created and why.
 */
import type { SyncConfig } from '../../core/config';
import { toJobBody } from '../sync-jobs';
import type { JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';

export interface ChunkResult {
  /** Pairs made by this chunk, by bulk or by the one-by-one retry. */
  created: number;
  /** Pairs an earlier attempt had made (found by marker), finished by a pair-sync job. */
  handedOver: number;
  /** Elements a bulk create refused (each was retried on its own). */
  refused: number;
  /** Entities that could not be created at all (journalled with the reason). */
  failed: number;
  /** Set when some entity must wait (a create in doubt, another job's lock): the page is tried again after this. */
  waitMs?: number;
}

export const emptyResult = (): ChunkResult => ({ created: 0, handedOver: 0, refused: 0, failed: 0 });

export function waitLonger(result: ChunkResult, ms: number): void {
  result.waitMs = Math.max(result.waitMs ?? 0, ms);
}

export async function handOver(
  ctx: SyncContext,
  ids: { taskId: string } | { issueId: string },
  result: ChunkResult,
): Promise<void> {
  await ctx.deps.syncQueue.push([toJobBody({ kind: 'pair-sync', ...ids, origin: 'migration' })]);
  result.handedOver += 1;
}

export async function journalFailure(
  ctx: SyncContext,
  config: SyncConfig,
  ids: { taskId?: string; issueId?: string },
  outcome: 'warning' | 'failed',
  notes: JournalNote[],
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: config.projectKey,
    direction: ids.taskId ? 'b24-to-jira' : 'jira-to-b24',
    operation: 'migration-create',
    ...ids,
    fields: [],
    outcome,
    notes,
  });
}

/** Per run (project and start time): a later run must list the issues made since, so it keeps its own bound. */
const firstCreatedKey = (runKey: string, side: 'jira' | 'b24' = 'jira'): string =>
  `mfirst:${side === 'jira' ? '' : 'b24:'}${runKey.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

/**
 * Jira issue ids and Bitrix24 task ids only grow, so the first entity the migration creates on a side bounds what
 * existed there before it: each side lists below it and never pays to list what the other side created.
 */
export async function noteCreatedIssues(
  ctx: SyncContext,
  runKey: string,
  ids: string[],
  side: 'jira' | 'b24' = 'jira',
): Promise<void> {
  const numeric = ids.map(Number).filter((n) => Number.isSafeInteger(n));
  if (numeric.length > 0)
    await ctx.kv.setIfAbsent(firstCreatedKey(runKey, side), Math.min(...numeric), { ttlSeconds: 30 * 24 * 3600 });
}

export async function firstCreatedIssue(
  ctx: SyncContext,
  runKey: string,
  side: 'jira' | 'b24' = 'jira',
): Promise<number | null> {
  const value = await ctx.kv.get(firstCreatedKey(runKey, side));
  return typeof value === 'number' ? value : null;
}
