/**
 * The journal entry of a created counterpart, in either direction: which fields it carried, which the new side
 * refused, and what went wrong on the way (a status it could not reach, a value it could not hold).
 */
import type { CanonicalChanges } from '../../core/mapping/to-side';
import type { JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';

/** `refused`: fields left unwritten because the new side cannot hold their value. */
export async function recordCreation(
  ctx: SyncContext,
  link: PairLink,
  direction: 'b24-to-jira' | 'jira-to-b24',
  fields: string[],
  problems: JournalNote[],
  started: number,
  refused: string[] = [],
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction,
    operation: 'create',
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: fields.filter((f) => !refused.includes(f)),
    ...(refused.length ? { refused } : {}),
    outcome: problems.length ? 'warning' : 'synced',
    notes: problems,
    calls: ctx.calls(),
    durationMs: ctx.now() - started,
  });
}

/** The journal names fields by the sync's names (`title`, `UF_…`), as every other entry does, not by one side's ids. */
export const canonicalFields = (changes: CanonicalChanges): string[] =>
  Object.keys(changes)
    .filter((k) => k !== 'custom')
    .concat(Object.keys(changes.custom ?? {}));
