/**
 * Routes each job to its use case. Every path starts from ids and re-reads current state, so the same code serves
 * events, reconciliation, "Sync now", migration and Retry.
 */
import type { SyncConfig } from '../core/config';
import { syncJiraAttachment } from './attachments/from-jira';
import { syncB24Comment } from './comments/from-b24';
import { syncJiraComment } from './comments/from-jira';
import type { SyncJob } from './jobs';
import { createIssueFromTask, createTaskFromIssue, ISSUE_PROPERTY } from './pair/create';
import { parseMarker } from './pair/marker-seal';
import { journalIgnored, judgeIssueMarker } from './pair/marker-trust';
import { handleDeletion } from './pair/delete';
import { issueCustomFields, readIssue, readTask, taskUserFields } from './pair/read';
import { checkAttachmentIssue, heldBackSecured } from './pair/secured';
import { syncLinkedPair } from './pair/sync-linked';
import { keys } from './store/keys';
import type { PairLink } from './store/links';
import type { SyncContext } from './sync-context';

async function configOf(ctx: SyncContext, projectKey: string): Promise<SyncConfig | null> {
  ctx.useProject(projectKey);
  return ctx.configs.get(projectKey);
}

/** A linked entity found gone while syncing (its delete event lost) gets the delete policy like an event's. */
async function syncLinked(ctx: SyncContext, link: PairLink, source: 'b24' | 'jira' | 'both'): Promise<void> {
  const config = await configOf(ctx, link.projectKey);
  if (!config) return;
  const outcome = await syncLinkedPair(ctx, link, config, source);
  if (outcome === 'gone-b24' || outcome === 'gone-jira') await handleDeletion(ctx, link, config, outcome === 'gone-b24' ? 'b24' : 'jira');
}

/**
 * A delete event is a claim, not a fact (a replayed ONTASKDELETE carries a valid token): the entity is read
 * first, and only one that is really gone has the delete policy applied.
 */
async function deleted(ctx: SyncContext, link: PairLink, side: 'b24' | 'jira'): Promise<void> {
  const config = await configOf(ctx, link.projectKey);
  if (!config) return;
  // The other side's delete, once this pair is being dissolved from there, is our own write's echo.
  const first = await ctx.links.dissolvedBy(side, side === 'b24' ? link.taskId : link.issueId);
  if (first !== null && first !== side) return;
  const stillThere = side === 'b24' ? await readTask(ctx, link.taskId, config) : await readIssue(ctx, link.issueId, config);
  if (stillThere) return;
  await handleDeletion(ctx, link, config, side);
}

/**
 * A task with no link: create its issue when its workgroup is paired. Not for the survivor of a deleted pair nor
 * for a task a person unlinked: only a person pairs those again.
 */
async function fromUnlinkedTask(ctx: SyncContext, taskId: string, asked = false): Promise<void> {
  if (!asked && (await ctx.links.heldApart('b24', taskId))) return;
  const configs = await Promise.all((await ctx.configs.list()).map((p) => ctx.configs.stored(p)));
  const userFields = [...new Set(configs.flatMap((c) => (c ? taskUserFields(c) : [])))];
  const task = await ctx.b24.getTask(taskId, { userFields });
  if (!task) return;
  const owner = configs.find((c) => c?.b24GroupId === task.groupId);
  // The project is found by its stored pairing; whether that pairing is still listed is asked of it alone.
  const config = owner ? await ctx.configs.get(owner.projectKey) : null;
  if (!config) return;
  // The add of the app's own task whose reply was lost: the issue's retry links it (find-created-task.ts).
  if (task.xmlId !== null && (await ctx.deps.kv.get(keys.taskAddSent(task.xmlId))) !== undefined) return;
  ctx.useProject(config.projectKey);
  const result = await createIssueFromTask(ctx, task, config);
  if ('existingIssueId' in result) {
    const issue = await ctx.jira.getIssue(result.existingIssueId);
    if (!issue) return;
    const link = { taskId, issueId: issue.issue.id, issueKey: issue.issue.key, projectKey: config.projectKey, linkedAt: ctx.now() };
    await ctx.links.save(link);
    await syncLinkedPair(ctx, link, config, 'both');
  }
}

/**
 * An issue with no link: create its task when its project is paired, or restore the link its marker names when
 * the marker may be trusted (marker-trust.ts). Not for the survivor of a deleted pair nor for an issue a person
 * unlinked: an edit of it creates no twin; only a person's link or "Create task" pairs it again.
 */
async function fromUnlinkedIssue(ctx: SyncContext, issueId: string, projectKey: string, asked = false): Promise<void> {
  if (!asked && (await ctx.links.heldApart('jira', issueId))) return;
  const config = await configOf(ctx, projectKey);
  if (!config) return;
  const read = await ctx.jira.getIssue(issueId, { customFields: issueCustomFields(config), properties: [ISSUE_PROPERTY] });
  if (!read || read.issue.fields.project.key !== config.projectKey) return;
  if (await heldBackSecured(ctx, config, read.issue)) return;
  const marker = parseMarker(read.properties[ISSUE_PROPERTY]);
  if (marker) {
    const verdict = await judgeIssueMarker(ctx, read.issue, marker, config, asked);
    if (verdict.action === 'take') {
      const link = { taskId: verdict.task.id, issueId, issueKey: read.issue.key, projectKey, linkedAt: ctx.now() };
      await ctx.links.save(link);
      await syncLinkedPair(ctx, link, config, 'both');
      return;
    }
    if (verdict.why) await journalIgnored(ctx, config, { taskId: marker.taskId, issueId, issueKey: read.issue.key }, verdict.why);
    if (verdict.action === 'hold') return;
  }
  const result = await createTaskFromIssue(ctx, read.issue, config);
  if ('existingTaskId' in result) {
    // The issue's marker outlives its task: a pair whose task was deleted (and handled) is not linked again.
    if (!(await readTask(ctx, result.existingTaskId, config))) return;
    const link = { taskId: result.existingTaskId, issueId, issueKey: read.issue.key, projectKey, linkedAt: ctx.now() };
    await ctx.links.save(link);
    await syncLinkedPair(ctx, link, config, 'both');
  }
}

export async function dispatchJob(job: SyncJob, ctx: SyncContext): Promise<void> {
  switch (job.kind) {
    case 'task-changed': {
      const link = await ctx.links.byTask(job.taskId);
      // Screened at intake too, but an event may arrive there before its link is saved (our own add, the
      // migration's marked task): only here, with the link, is it known as our own write (sync/echo.ts).
      if (await ctx.ownWrites.jobIsOwn(job, link)) return;
      return link ? syncLinked(ctx, link, 'b24') : fromUnlinkedTask(ctx, job.taskId);
    }
    case 'issue-changed': {
      const link = await ctx.links.byIssue(job.issueId);
      return link ? syncLinked(ctx, link, 'jira') : fromUnlinkedIssue(ctx, job.issueId, job.projectKey);
    }
    case 'task-deleted':
    case 'issue-deleted': {
      const link = job.kind === 'task-deleted' ? await ctx.links.byTask(job.taskId) : await ctx.links.byIssue(job.issueId);
      if (link) await deleted(ctx, link, job.kind === 'task-deleted' ? 'b24' : 'jira');
      return;
    }
    case 'b24-comment': {
      const link = await ctx.links.byTask(job.taskId);
      if (link) ctx.useProject(link.projectKey);
      if (link) await syncB24Comment(ctx, link, ctx.configs, job);
      return;
    }
    case 'jira-comment': {
      const link = await ctx.links.byIssue(job.issueId);
      if (link) ctx.useProject(link.projectKey);
      if (link) await syncJiraComment(ctx, link, ctx.configs, job);
      return;
    }
    case 'jira-attachment': {
      const link = await ctx.links.byIssue(job.issueId);
      const config = link ? await configOf(ctx, link.projectKey) : null;
      if (link && config) await checkAttachmentIssue(ctx, link.issueId, config, job);
      if (link && config) await syncJiraAttachment(ctx, link, config, job);
      return;
    }
    case 'pair-sync': {
      const link = job.taskId ? await ctx.links.byTask(job.taskId) : job.issueId ? await ctx.links.byIssue(job.issueId) : null;
      if (link) return syncLinked(ctx, link, 'both');
      // A person's "Sync now" / "Create task" may pair the survivor of a deleted pair again; nothing else does.
      const asked = job.origin === 'sync-now';
      if (job.taskId) return fromUnlinkedTask(ctx, job.taskId, asked);
      if (job.issueId) {
        const read = await ctx.jira.getIssue(job.issueId);
        if (read) return fromUnlinkedIssue(ctx, job.issueId, read.issue.fields.project.key, asked);
      }
      return;
    }
  }
}
