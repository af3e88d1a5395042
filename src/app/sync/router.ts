/**
 * Routes each sync job to its use case, and does nothing else. Every path starts from ids and re-reads current
 * state, so the same code serves events, reconciliation, "Sync now", migration and Retry.
 *
 * A Bitrix24 change goes to b24-to-jira.ts, a Jira change to jira-to-b24.ts; both sync a linked pair in
 * pair-sync.ts (which writes its plan in write-plan.ts) or pair an unlinked entity in create-or-link.ts.
 */
import { syncJiraAttachment } from '../attachments/from-jira';
import { syncB24Comment } from '../comments/from-b24';
import { syncJiraComment } from '../comments/from-jira';
import type { SyncJob } from '../sync-jobs';
import type { SyncContext } from '../sync-context';
import { syncTaskChange, syncTaskDeletion } from './b24-to-jira';
import { createOrLinkIssueFor, createOrLinkTaskFor } from './create-or-link';
import { checkAttachmentIssue } from './held-back';
import { syncIssueChange, syncIssueDeletion } from './jira-to-b24';
import { syncPair } from './pair-sync';
import { isPermanent } from '../../core/errors';
import type { PairLink } from '../store/links';

/** "Sync now", Retry, reconciliation and the migration name a pair by either side. */
async function syncNamedPair(ctx: SyncContext, job: Extract<SyncJob, { kind: 'pair-sync' }>): Promise<void> {
  const link = job.taskId
    ? await ctx.links.byTask(job.taskId)
    : job.issueId
      ? await ctx.links.byIssue(job.issueId)
      : null;
  if (link) return syncPair(ctx, link, 'both');
  // A person's "Sync now" / "Create task" may pair the survivor of a deleted pair again; nothing else does.
  const asked = { askedByPerson: job.origin === 'sync-now' };
  if (job.taskId) return createOrLinkIssueFor(ctx, job.taskId, asked);
  if (job.issueId) {
    const read = await ctx.jira.getIssue(job.issueId);
    if (read) return createOrLinkTaskFor(ctx, job.issueId, read.issue.fields.project.key, asked);
  }
}

/**
 * A comment's other side answered "not found": when that entity is gone (its delete not synced yet), the pair
 * gets the delete policy now, as a pair sync finding a side gone does, and the comment has nowhere to go. Any
 * other "not found" (the entity is there) stands as the comment's failure.
 */
async function unlessPartnerGone(ctx: SyncContext, link: PairLink, mirror: () => Promise<void>): Promise<void> {
  try {
    await mirror();
  } catch (error) {
    if (!isPermanent(error, 'not-found')) throw error;
    await syncPair(ctx, link, 'both');
    if (await ctx.links.byTask(link.taskId)) throw error;
  }
}

export async function routeSyncJob(job: SyncJob, ctx: SyncContext): Promise<void> {
  switch (job.kind) {
    case 'task-changed':
      return syncTaskChange(ctx, job);
    case 'issue-changed':
      return syncIssueChange(ctx, job);
    case 'task-deleted':
      return syncTaskDeletion(ctx, job);
    case 'issue-deleted':
      return syncIssueDeletion(ctx, job);
    case 'b24-comment': {
      const link = await ctx.links.byTask(job.taskId);
      if (link) ctx.useProject(link.projectKey);
      if (link) await unlessPartnerGone(ctx, link, () => syncB24Comment(ctx, link, ctx.configs, job));
      return;
    }
    case 'jira-comment': {
      const link = await ctx.links.byIssue(job.issueId);
      if (link) ctx.useProject(link.projectKey);
      if (link) await unlessPartnerGone(ctx, link, () => syncJiraComment(ctx, link, ctx.configs, job));
      return;
    }
    case 'jira-attachment': {
      const link = await ctx.links.byIssue(job.issueId);
      if (link) ctx.useProject(link.projectKey);
      const config = link ? await ctx.configs.get(link.projectKey) : null;
      if (link && config) await checkAttachmentIssue(ctx, link.issueId, config, job);
      if (link && config) await syncJiraAttachment(ctx, link, config, job);
      return;
    }
    case 'pair-sync':
      return syncNamedPair(ctx, job);
  }
}
