/**
 * What a chunk of the bulk migration reports back to its page, and the two things every chunk may need: handing a
 * pair the bulk path cannot finish to the single path (a `pair-sync` job), and a journal line naming an entity
 * that could not be created and why.
 */
import type { SyncConfig } from '../../core/config';
import { toJobBody } from '../jobs';
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

export async function handOver(ctx: SyncContext, ids: { taskId: string } | { issueId: string }, result: ChunkResult): Promise<void> {
  await ctx.deps.syncQueue.push([toJobBody({ kind: 'pair-sync', ...ids, origin: 'migration' })]);
  result.handedOver += 1;
}

export async function journalFailure(
  ctx: SyncContext,
  config: SyncConfig,
  ids: { taskId?: string; issueId?: string },
  outcome: 'warning' | 'failed',
  message: string,
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(), projectKey: config.projectKey, direction: ids.taskId ? 'b24-to-jira' : 'jira-to-b24', operation: 'migration-create',
    ...ids, fields: [], outcome, message,
  });
}
