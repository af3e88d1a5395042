/**
 * Bitrix24 → Jira: a task changed (an event, or its add). Our own write's event ends here unread (echo.ts); a linked
 * task's pair is synced from the Bitrix24 side (pair-sync.ts); a task without a link gets its issue
 * (create-or-link.ts). A delete event is a claim checked against the task itself (delete-policy.ts).
 */
import type { SyncJob } from '../sync-jobs';
import type { SyncContext } from '../sync-context';
import { createOrLinkIssueFor } from './create-or-link';
import { onDeleteEvent } from './delete-policy';
import { syncPair } from './pair-sync';

export async function syncTaskChange(ctx: SyncContext, job: Extract<SyncJob, { kind: 'task-changed' }>): Promise<void> {
  const link = await ctx.links.byTask(job.taskId);
  // Screened at intake too, but an event may arrive there before its link is saved (our own add, the migration's
  // marked task): only here, with the link, is it known as our own write.
  if (await ctx.ownWrites.jobIsOwn(job, link)) return;
  return link ? syncPair(ctx, link, 'b24') : createOrLinkIssueFor(ctx, job.taskId, { askedByPerson: false });
}

export async function syncTaskDeletion(
  ctx: SyncContext,
  job: Extract<SyncJob, { kind: 'task-deleted' }>,
): Promise<void> {
  const link = await ctx.links.byTask(job.taskId);
  if (link) await onDeleteEvent(ctx, link, 'b24');
}
