/**
 * What follows Bitrix24's batched add once it answered, for the pairs it made: each task's status moved through its
 * action methods and the last-synced state saved as the single path saves it. The add's reply is the task, so
 * nothing is read back. Each step is safe to repeat, so a chunk that died after the add runs them again
 * (finishLinkedIssues).
 */
import type { SyncConfig } from '../../core/config';
import { readB24Status } from '../../core/mapping/status';
import type { B24Write } from '../../core/mapping/to-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { PairLink } from '../store/links';
import { sentencesOf } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { warningSentence } from '../sync/journal-entry';
import { canonicalOfTask, mappingFor } from '../sync/read-sides';
import { moveTaskTo } from '../sync/status-walks';
import type { ChunkResult } from './chunk';

/** An issue ready for the batched add: what its task will carry, and when an earlier attempt sent it. */
export interface PreparedIssue {
  issue: JiraIssue;
  canon: CanonicalTask;
  write: B24Write;
  sentAt?: number;
}

export interface CreatedTask extends PreparedIssue {
  task: B24Task;
  link: PairLink;
}

export async function recordStates(
  ctx: SyncContext,
  config: SyncConfig,
  created: CreatedTask[],
  actingUserId: string | undefined,
  result: ChunkResult,
): Promise<void> {
  for (const c of created) {
    const problems = c.write.warnings.map(warningSentence);
    let b24 = canonicalOfTask(c.task, await mappingFor(ctx, config, c.task, c.issue));
    if (c.write.status) {
      const moved = await moveTaskTo(ctx, c.task, c.write.status, actingUserId);
      if (moved.blocked) problems.push(moved.blocked);
      if (moved.note) problems.push(moved.note);
      b24 = { ...b24, status: readB24Status(moved.reached, c.task.userFields, config.statuses) };
    }
    await ctx.states.save(c.task.id, c.issue.id, {
      base: { b24, jira: c.canon },
      lastSync: {
        at: ctx.now(),
        outcome: problems.length ? 'warning' : 'synced',
        ...(problems.length ? { message: sentencesOf(problems) } : {}),
      },
    });
    result.created += 1;
  }
}
