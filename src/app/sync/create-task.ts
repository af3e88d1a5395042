/**
 * Creating the Bitrix24 task of an issue with none, idempotently: a short lock stops concurrent duplicates, and the
 * record of a sent add together with the task's XML_ID naming the issue lets a retry find what an earlier attempt
 * created instead of creating it again.
 */
import type { SyncConfig } from '../../core/config';
import { RetryableError } from '../../core/errors';
import { readB24Status } from '../../core/mapping/status';
import { toB24Fields, type B24Write } from '../../core/mapping/to-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import { keys } from '../store/keys';
import type { JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { allFlowingTo } from './flowing-fields';
import { canonicalFields, recordCreation } from './creation-journal';
import { findTaskCreatedFor } from './find-created-task';
import { refusedValues, warningSentence } from './journal-entry';
import { canonicalOfIssue, canonicalOfTask, mappingFor } from './read-sides';
import { moveTaskTo } from './status-walks';

/** How long the record of a sent tasks.task.add stays: longer than every retry of an add whose outcome is unknown. */
const ADD_SENT_TTL_SECONDS = 24 * 3600;
const LOCK_TTL_SECONDS = 300;

/**
 * Runs `create` while holding a short lock, so a duplicated event waits instead of creating a twin. The lock is
 * released however `create` ends: a failed attempt must not block its own retry.
 */
async function withCreationLock<T>(ctx: SyncContext, key: string, create: () => Promise<T>): Promise<T> {
  if (!(await ctx.kv.setIfAbsent(key, ctx.now(), { ttlSeconds: LOCK_TTL_SECONDS }))) {
    throw new RetryableError('server-error', 'another job is creating this pair; trying again shortly', {
      code: 'app:creating',
      retryAfterMs: 30_000,
    });
  }
  try {
    return await create();
  } finally {
    await ctx.kv.delete(key);
  }
}

/** An issue in a paired project with no task yet (its marker, if any, was judged by the caller). */
export async function createTaskFromIssue(
  ctx: SyncContext,
  issue: JiraIssue,
  config: SyncConfig,
): Promise<PairLink | { existingTaskId: string }> {
  return withCreationLock(ctx, `creating:jira:${issue.id}`, () => taskFromIssue(ctx, issue, config));
}

async function taskFromIssue(
  ctx: SyncContext,
  issue: JiraIssue,
  config: SyncConfig,
): Promise<PairLink | { existingTaskId: string }> {
  const started = ctx.now();
  const mapping = await mappingFor(ctx, config, null, issue);
  const canon = canonicalOfIssue(issue, mapping);
  const flowing = allFlowingTo('b24', canon, config);
  const write = toB24Fields(flowing, mapping, { create: true });
  const problems = write.warnings.map(warningSentence);
  const connection = await ctx.connection.get();
  const marked = await earlierTask(ctx, issue, config, write, connection?.actingUserId);
  if (marked) return { existingTaskId: marked };
  if (write.fields.RESPONSIBLE_ID === undefined && connection?.actingUserId) {
    // Bitrix24 requires a responsible person; the integration user holds the task until someone is mapped.
    write.fields.RESPONSIBLE_ID = connection.actingUserId;
  }
  await ctx.kv.set(keys.taskAddSent(issue.id), ctx.now(), { ttlSeconds: ADD_SENT_TTL_SECONDS });
  const task = await ctx.b24.addTask({ ...write.fields, XML_ID: issue.id });
  const link: PairLink = {
    taskId: task.id,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: config.projectKey,
    linkedAt: ctx.now(),
  };
  // The task's XML_ID (set in the same add) and the sent record mark the pair for a retry; the issue needs no property.
  await ctx.links.save(link);
  await ctx.kv.delete(keys.taskAddSent(issue.id));
  await bringInLine(ctx, config, { issue, task, canon, write }, connection?.actingUserId, problems);
  const refusedFields = refusedValues({ skipped: [] }, write.warnings);
  await recordCreation(ctx, link, 'jira-to-b24', canonicalFields(flowing), problems, started, refusedFields);
  return link;
}

/** The task an earlier attempt's add made, linked now; null when no add of this issue is in doubt or none landed. */
async function earlierTask(
  ctx: SyncContext,
  issue: JiraIssue,
  config: SyncConfig,
  write: B24Write,
  actingUserId: string | undefined,
): Promise<string | null> {
  // An earlier attempt's task was created by whoever this one would create it as.
  const creator = write.fields.CREATED_BY;
  const createdBy = typeof creator === 'string' || typeof creator === 'number' ? String(creator) : actingUserId;
  // Anyone may write XML_ID: a task carrying the issue's id is taken only while the app's own add is in doubt.
  const sent: unknown = await ctx.kv.get(keys.taskAddSent(issue.id));
  const marked = typeof sent === 'number' ? await findTaskCreatedFor(ctx, issue, config, createdBy, sent) : null;
  if (!marked) return null;
  await ctx.links.save({
    taskId: marked,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: config.projectKey,
    linkedAt: ctx.now(),
  });
  await ctx.kv.delete(keys.taskAddSent(issue.id));
  return marked;
}

/** The new task's status walked to the issue's, the pair's state saved before and after. */
async function bringInLine(
  ctx: SyncContext,
  config: SyncConfig,
  { issue, task, canon, write }: { issue: JiraIssue; task: B24Task; canon: CanonicalTask; write: B24Write },
  actingUserId: string | undefined,
  problems: JournalNote[],
): Promise<void> {
  let b24 = canonicalOfTask(task, await mappingFor(ctx, config, task, issue));
  // Until the status move is made, a retry must see it as "changed in Jira only" (never as a conflict).
  await ctx.states.save(task.id, issue.id, {
    base: { b24, jira: { ...canon, status: b24.status } },
    lastSync: { at: ctx.now(), outcome: 'synced' },
    pending: true,
  });
  if (write.status) {
    const moved = await moveTaskTo(ctx, task, write.status, actingUserId);
    if (moved.blocked) problems.push(moved.blocked);
    if (moved.note) problems.push(moved.note);
    b24 = { ...b24, status: readB24Status(moved.reached, task.userFields, config.statuses) };
  }
  await ctx.states.save(task.id, issue.id, {
    base: { b24, jira: canon },
    lastSync: { at: ctx.now(), outcome: problems.length ? 'warning' : 'synced' },
  });
}
