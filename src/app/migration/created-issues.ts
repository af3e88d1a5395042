/**
 * What follows Jira's bulk create once it answered, for the pairs it made: the issues read back with their status
 * moved, the last-synced states saved as the single path saves them, then `XML_ID` set on the tasks in one batch.
 * Each step is safe to repeat, so a chunk that died after the create runs them again (finishLinked).
 */
import type { SyncConfig } from '../../core/config';
import { readJiraStatus } from '../../core/mapping/status';
import type { JiraWrite } from '../../core/mapping/to-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { PairLink } from '../store/links';
import { sentencesOf } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import type { CreationLock } from '../sync/creation-lock';
import { warningSentence } from '../sync/journal-entry';
import { canonicalOfIssue, issueCustomFields, mappingFor } from '../sync/read-sides';
import { moveIssueTo } from '../sync/status-walks';
import type { ChunkResult } from './chunk';
import { initialTransitions, learnInitialTransitions } from './first-hop';

/** A task ready for the bulk create: its lock held, what the issue will carry. */
export interface PreparedTask {
  task: B24Task;
  lock: CreationLock;
  canon: CanonicalTask;
  write: JiraWrite;
}

export interface CreatedIssue extends PreparedTask {
  link: PairLink;
}

/** The create reply has ids only; the snapshot needs what Jira filled in, read back in one search (read-after-write). */
export async function recordStates(
  ctx: SyncContext,
  config: SyncConfig,
  created: CreatedIssue[],
  result: ChunkResult,
): Promise<void> {
  if (created.length === 0) return;
  const ids = created.map((c) => c.link.issueId);
  const page = await ctx.jira.searchIssues(`id in (${ids.join(', ')})`, {
    properties: [],
    customFields: issueCustomFields(config),
    maxResults: 100,
    reconcileIssues: ids.map(Number),
  });
  for (const c of created) {
    const issue = page.items.find((i) => i.issue.id === c.link.issueId)?.issue;
    const problems = c.write.warnings.map(warningSentence);
    let jira = issue ? canonicalOfIssue(issue, await mappingFor(ctx, config, c.task, issue)) : c.canon;
    if (issue && c.write.status) {
      if (
        issue.fields.status.name !== c.write.status &&
        !(await initialTransitions(ctx, config.projectKey, c.write.fields.issuetype))
      ) {
        // Still in the initial status (no hop rode in the create): what it offers is what later creates can carry.
        await learnInitialTransitions(ctx, config.projectKey, c.write.fields.issuetype, issue.id, issue.fields.status);
      }
      const moved = await moveIssueTo(ctx, issue.id, issue.fields.status, c.write.status);
      if (moved.blocked) problems.push(moved.blocked);
      jira = { ...jira, status: readJiraStatus(moved.reached.name, config.statuses) };
    }
    await ctx.states.save(c.task.id, c.link.issueId, {
      base: { b24: c.canon, jira },
      lastSync: {
        at: ctx.now(),
        outcome: problems.length ? 'warning' : 'synced',
        ...(problems.length ? { message: sentencesOf(problems) } : {}),
      },
    });
    result.created += 1;
  }
}

/** XML_ID names the issue on each task; each update's event is announced first so it is dismissed unread. */
export async function markTasks(ctx: SyncContext, created: CreatedIssue[]): Promise<void> {
  if (created.length === 0) return;
  await ctx.ownWrites.expectMigrationMarks(created.map((c) => c.task.id));
  const outcomes = await ctx.b24.updateTasks(
    created.map((c) => ({ taskId: c.task.id, fields: { XML_ID: c.link.issueId } })),
  );
  for (const [i, outcome] of outcomes.entries()) {
    const c = created[i];
    if (c && !outcome.ok) {
      await ctx.ownWrites.forgetMigrationMark(c.task.id);
      ctx.log.warn('migration could not set XML_ID', { taskId: c.task.id, error: outcome.error.message });
    }
  }
}
