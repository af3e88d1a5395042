/**
 * Jira → Bitrix24: an issue changed. Our own writes' events were dropped at intake (echo.ts); a linked issue's pair
 * is synced from the Jira side (pair-sync.ts), where a read that shows only our write ends it; an issue without a
 * link gets its task, or its marker's link back (create-or-link.ts). A delete event is a claim checked against the
 * issue itself (delete-policy.ts).
 */
import type { SyncJob } from '../sync-jobs';
import type { SyncContext } from '../sync-context';
import { createOrLinkTaskFor } from './create-or-link';
import { onDeleteEvent } from './delete-policy';
import { syncPair } from './pair-sync';

export async function syncIssueChange(
  ctx: SyncContext,
  job: Extract<SyncJob, { kind: 'issue-changed' }>,
): Promise<void> {
  const link = await ctx.links.byIssue(job.issueId);
  return link
    ? syncPair(ctx, link, 'jira')
    : createOrLinkTaskFor(ctx, job.issueId, job.projectKey, { askedByPerson: false });
}

export async function syncIssueDeletion(
  ctx: SyncContext,
  job: Extract<SyncJob, { kind: 'issue-deleted' }>,
): Promise<void> {
  const link = await ctx.links.byIssue(job.issueId);
  if (link) await onDeleteEvent(ctx, link, 'jira');
}
