/**
 * A linked entity was deleted on one side: close, delete or unlink the other per the project's delete policy.
 * The link goes first, so the other side's own delete event (Bitrix24 fires one for our writes) finds nothing.
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent } from '../../core/errors';
import type { Side } from '../../core/model';
import { planDeletion } from '../../core/sync/lifecycle';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { moveTaskTo } from './apply-b24';
import { moveIssueTo } from './apply-jira';
import { readIssue, readTask } from './read';

async function closeOther(ctx: SyncContext, link: PairLink, config: SyncConfig, on: Side, status: string | null): Promise<string | undefined> {
  if (status === null) return 'No status row maps Bitrix24 "completed" to Jira; the issue was left open.';
  if (on === 'jira') {
    const issue = await readIssue(ctx, link.issueId, config);
    if (!issue) return undefined;
    return (await moveIssueTo(ctx, issue.id, issue.fields.status, status)).blocked;
  }
  const task = await readTask(ctx, link.taskId, config);
  if (!task) return undefined;
  const connection = await ctx.connection.get();
  return (await moveTaskTo(ctx, task, status, connection?.actingUserId)).blocked;
}

export async function handleDeletion(ctx: SyncContext, link: PairLink, config: SyncConfig, deletedOn: Side): Promise<void> {
  const started = ctx.now();
  const decision = planDeletion(deletedOn, config);
  await ctx.links.remove(link);
  let problem: string | undefined;
  if (decision.action === 'delete') {
    try {
      if (decision.on === 'jira') await ctx.jira.deleteIssue(link.issueId);
      else await ctx.b24.deleteTask(link.taskId);
    } catch (error) {
      // Both sides deleted: nothing left to do.
      if (!isPermanent(error, 'not-found')) throw error;
    }
  } else if (decision.action === 'close') {
    problem = await closeOther(ctx, link, config, decision.on, decision.status);
  }
  const deleted = deletedOn === 'b24' ? `Bitrix24 task ${link.taskId}` : `Jira issue ${link.issueKey}`;
  const other = deletedOn === 'b24' ? `issue ${link.issueKey}` : `task ${link.taskId}`;
  const done = decision.action === 'unlink' ? `${other} unlinked` : decision.action === 'delete' ? `${other} deleted` : `${other} closed`;
  await ctx.journal.record({
    at: ctx.now(), projectKey: link.projectKey, direction: deletedOn === 'b24' ? 'b24-to-jira' : 'jira-to-b24', operation: 'delete',
    taskId: link.taskId, issueId: link.issueId, issueKey: link.issueKey, fields: [], outcome: problem ? 'warning' : 'synced',
    message: `${deleted} was deleted; ${done}.${problem ? ` ${problem}` : ''}`, calls: ctx.calls(), durationMs: ctx.now() - started,
  });
}
