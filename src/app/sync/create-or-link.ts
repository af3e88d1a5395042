/**
 * An entity without a link: create its counterpart when its side is paired, or restore the link the issue's marker
 * names when the marker may be trusted (marker-trust.ts). Not for the survivor of a deleted pair nor for an entity a
 * person unlinked (`askedByPerson` false): an edit of it creates no twin; only a person's "Sync now", link or
 * "Create task" pairs it again.
 */
import type { SyncConfig } from '../../core/config';
import type { JiraIssue } from '../../core/remote/jira';
import { keys } from '../store/keys';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { createIssueFromTask } from './create-issue';
import { createTaskFromIssue } from './create-task';
import { heldBackSecured } from './held-back';
import { ISSUE_PROPERTY, parseMarker } from './marker-seal';
import { journalIgnored, judgeIssueMarker } from './marker-trust';
import { syncLinkedPair } from './pair-sync';
import { issueCustomFields, readTask, taskUserFields } from './read-sides';

export interface Asked {
  /** A person's own request: it may pair again what a deletion or an unlink held apart. */
  askedByPerson: boolean;
}

/** A new link is synced at once in both directions, as a pair that was never synced. */
async function linkAndSync(ctx: SyncContext, link: PairLink, config: SyncConfig): Promise<void> {
  await ctx.links.save(link);
  await syncLinkedPair(ctx, link, config, 'both');
}

/** A task with no link: its issue is created when its workgroup is paired. */
export async function createOrLinkIssueFor(ctx: SyncContext, taskId: string, { askedByPerson }: Asked): Promise<void> {
  if (!askedByPerson && (await ctx.links.heldApart('b24', taskId))) return;
  const configs = await Promise.all((await ctx.configs.list()).map((p) => ctx.configs.stored(p)));
  const userFields = [...new Set(configs.flatMap((c) => (c ? taskUserFields(c) : [])))];
  const task = await ctx.b24.getTask(taskId, { userFields });
  if (!task) return;
  const owner = configs.find((c) => c?.b24GroupId === task.groupId);
  // The project is found by its stored pairing; whether that pairing is still listed is asked of it alone.
  const config = owner ? await ctx.configs.get(owner.projectKey) : null;
  if (!config) return;
  // The add of the app's own task whose reply was lost: the issue's retry links it (find-created-task.ts).
  if (task.xmlId !== null && (await ctx.kv.get(keys.taskAddSent(task.xmlId))) !== undefined) return;
  ctx.useProject(config.projectKey);
  const result = await createIssueFromTask(ctx, task, config);
  if ('existingIssueId' in result) {
    const issue = await ctx.jira.getIssue(result.existingIssueId);
    if (!issue) return;
    await linkAndSync(
      ctx,
      {
        taskId,
        issueId: issue.issue.id,
        issueKey: issue.issue.key,
        projectKey: config.projectKey,
        linkedAt: ctx.now(),
      },
      config,
    );
  }
}

/**
 * The issue's marker (its entity property), when it names a task: `linked` once the link it names is restored,
 * `hold` when it must not get a task of its own, `create` when it is read as no marker at all.
 */
async function followMarker(
  ctx: SyncContext,
  issueId: string,
  issue: JiraIssue,
  property: unknown,
  config: SyncConfig,
  askedByPerson: boolean,
): Promise<'linked' | 'hold' | 'create'> {
  const marker = parseMarker(property);
  if (!marker) return 'create';
  const verdict = await judgeIssueMarker(ctx, issue, marker, config, askedByPerson);
  if (verdict.action === 'take') {
    await linkAndSync(
      ctx,
      { taskId: verdict.task.id, issueId, issueKey: issue.key, projectKey: config.projectKey, linkedAt: ctx.now() },
      config,
    );
    return 'linked';
  }
  if (verdict.why)
    await journalIgnored(ctx, config, { taskId: marker.taskId, issueId, issueKey: issue.key }, verdict.why);
  return verdict.action === 'hold' ? 'hold' : 'create';
}

/** An issue with no link: its task is created when its project is paired, unless its marker restores a link. */
export async function createOrLinkTaskFor(
  ctx: SyncContext,
  issueId: string,
  projectKey: string,
  { askedByPerson }: Asked,
): Promise<void> {
  if (!askedByPerson && (await ctx.links.heldApart('jira', issueId))) return;
  ctx.useProject(projectKey);
  const config = await ctx.configs.get(projectKey);
  if (!config) return;
  const read = await ctx.jira.getIssue(issueId, {
    customFields: issueCustomFields(config),
    properties: [ISSUE_PROPERTY],
  });
  if (!read || read.issue.fields.project.key !== config.projectKey) return;
  if (await heldBackSecured(ctx, config, read.issue)) return;
  if (
    (await followMarker(ctx, issueId, read.issue, read.properties[ISSUE_PROPERTY], config, askedByPerson)) !== 'create'
  )
    return;
  const result = await createTaskFromIssue(ctx, read.issue, config);
  if ('existingTaskId' in result) {
    // The issue's marker outlives its task: a pair whose task was deleted (and handled) is not linked again.
    if (!(await readTask(ctx, result.existingTaskId, config))) return;
    await linkAndSync(
      ctx,
      { taskId: result.existingTaskId, issueId, issueKey: read.issue.key, projectKey, linkedAt: ctx.now() },
      config,
    );
  }
}
