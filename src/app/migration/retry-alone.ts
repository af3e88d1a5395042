/**
 * An element a bulk create refused, in either direction: journalled with the other side's reason, then created on
 * its own by the single path (which leaves out a refused field where it can). Both bulk paths tally it the same way.
 */
import type { SyncConfig } from '../../core/config';
import { errorMessage, isPermanent } from '../../core/errors';
import { failureNote } from '../job-failure-note';
import type { JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { type ChunkResult, handOver, journalFailure } from './chunk';

export interface RefusedElement {
  /** The entity on the sending side. */
  ids: { taskId: string } | { issueId: string };
  /** The journal's sentence for the refusal (retried on its own). */
  refused: JournalNote;
  /** The journal's sentence for an element the single path could not create either; the error follows it. */
  notCreated: JournalNote;
  /** The single path's create: `existing` when it found the counterpart an earlier attempt made. */
  createAlone: () => Promise<'created' | 'existing'>;
}

export async function retryAlone(
  ctx: SyncContext,
  config: SyncConfig,
  element: RefusedElement,
  result: ChunkResult,
): Promise<void> {
  result.refused += 1;
  await journalFailure(ctx, config, element.ids, 'warning', [element.refused]);
  try {
    if ((await element.createAlone()) === 'existing') await handOver(ctx, element.ids, result);
    else result.created += 1;
  } catch (error) {
    if (!isPermanent(error)) throw error;
    result.failed += 1;
    await journalFailure(ctx, config, element.ids, 'failed', [
      element.notCreated,
      failureNote(error, null, errorMessage(error)),
    ]);
  }
}
