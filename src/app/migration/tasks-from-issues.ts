/**
 * Jira → Bitrix24 for one chunk (≤ 50) of unpaired issues: one `batch` of `tasks.task.add` with `XML_ID` in each
 * add (the reply is the task, so nothing is read back), links stored as the single path stores them; the status
 * moves and states that follow are created-tasks.ts. Idempotent: before sending, each issue gets a "sent" record; an attempt that died without knowing
 * what the batch did leaves them behind, and its retry finds those tasks by the workgroup and a creation window
 * (documented filters), matched on XML_ID — as find-created-task.ts does, one list for the whole chunk. The
 * single path's creation lock is held meanwhile, so an event for the same issue cannot create a twin. Commands
 * Bitrix24 refuses are journalled and retried one by one through the single path (retry-alone.ts).
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent, RetryableError } from '../../core/errors';
import { toB24Fields } from '../../core/mapping/to-side';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { B24TaskFieldsInput } from '../../ports/b24';
import { allFlowingTo } from '../sync/flowing-fields';
import { createTaskFromIssue } from '../sync/create-task';
import { canonicalOfIssue, mappingFor, taskUserFields } from '../sync/read-sides';
import { b24FilterDate } from '../../core/remote/queries';
import { keys } from '../store/keys';
import type { PairLink } from '../store/links';
import { note } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { type ChunkResult, handOver, noteCreatedIssues, waitLonger } from './chunk';
import { type CreatedTask, type PreparedIssue, recordStates } from './created-tasks';
import { retryAlone } from './retry-alone';

const SENT_TTL_SECONDS = 24 * 3600;
const LOCK_TTL_SECONDS = 300;
/** Bitrix24 stamps CREATED_DATE with its own clock: the window opens early enough to absorb the skew. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Pages of the creation window read in one batch (a retry comes minutes after its attempt). */
const WINDOW_PAGES = 5;

const sentKey = keys.taskAddSent;
const lockKey = (issueId: string): string => `creating:jira:${issueId}`;

async function prepare(
  ctx: SyncContext,
  config: SyncConfig,
  issue: JiraIssue,
  actingUserId: string | undefined,
): Promise<PreparedIssue> {
  const mapping = await mappingFor(ctx, config, null, issue);
  const canon = canonicalOfIssue(issue, mapping);
  const write = toB24Fields(allFlowingTo('b24', canon, config), mapping, { create: true });
  // Bitrix24 requires a responsible person; the integration user holds the task until someone is mapped.
  if (write.fields.RESPONSIBLE_ID === undefined && actingUserId) write.fields.RESPONSIBLE_ID = actingUserId;
  const sent: unknown = await ctx.kv.get(sentKey(issue.id));
  return { issue, canon, write, ...(typeof sent === 'number' ? { sentAt: sent } : {}) };
}

async function release(ctx: SyncContext, issueId: string): Promise<void> {
  await ctx.kv.delete(sentKey(issueId));
  await ctx.kv.delete(lockKey(issueId));
}

async function pair(ctx: SyncContext, config: SyncConfig, p: PreparedIssue, task: B24Task): Promise<CreatedTask> {
  const link: PairLink = {
    taskId: task.id,
    issueId: p.issue.id,
    issueKey: p.issue.key,
    projectKey: config.projectKey,
    linkedAt: ctx.now(),
  };
  await ctx.links.save(link);
  await release(ctx, p.issue.id);
  return { ...p, task, link };
}

/** Tasks an earlier attempt's batch created, by XML_ID within the workgroup's tasks created since it was sent. */
async function findCreated(
  ctx: SyncContext,
  config: SyncConfig,
  doubtful: PreparedIssue[],
): Promise<Map<string, B24Task>> {
  const found = new Map<string, B24Task>();
  if (doubtful.length === 0) return found;
  const since = Math.min(...doubtful.map((p) => p.sentAt ?? ctx.now()));
  const { pages } = await ctx.b24.listTaskPages({
    filter: { GROUP_ID: config.b24GroupId, '>=CREATED_DATE': b24FilterDate(since - CLOCK_SKEW_MS) },
    order: { ID: 'desc' },
    userFields: taskUserFields(config),
    starts: Array.from({ length: WINDOW_PAGES }, (_, i) => i * 50),
  });
  for (const task of pages.flat()) if (task.xmlId) found.set(task.xmlId, task);
  return found;
}

async function retryIssueAlone(
  ctx: SyncContext,
  config: SyncConfig,
  p: PreparedIssue,
  reason: string,
  result: ChunkResult,
): Promise<void> {
  const what = `Issue ${p.issue.key} "${p.issue.fields.summary}"`;
  const names = { key: p.issue.key, title: p.issue.fields.summary };
  await retryAlone(
    ctx,
    config,
    {
      ids: { issueId: p.issue.id },
      refused: note(
        'migration.issueRefusedInBulk',
        { ...names, reason },
        `${what} was refused by Bitrix24's batched add (${reason}); retried on its own.`,
      ),
      notCreated: note('migration.issueNotCreated', names, `${what} could not be created in Bitrix24:`),
      createAlone: async () =>
        'existingTaskId' in (await createTaskFromIssue(ctx, p.issue, config)) ? 'existing' : 'created',
    },
    result,
  );
}

async function sendBatch(
  ctx: SyncContext,
  config: SyncConfig,
  chunk: PreparedIssue[],
  result: ChunkResult,
  runKey: string,
): Promise<CreatedTask[]> {
  for (const p of chunk) await ctx.kv.set(sentKey(p.issue.id), ctx.now(), { ttlSeconds: SENT_TTL_SECONDS });
  const outcomes = await ctx.b24.addTasks(
    chunk.map((p) => ({ ...(p.write.fields as B24TaskFieldsInput), XML_ID: p.issue.id })),
  );
  await noteCreatedIssues(
    ctx,
    runKey,
    outcomes.flatMap((o) => (o.ok ? [o.value.id] : [])),
    'b24',
  );
  const created: CreatedTask[] = [];
  for (const [i, p] of chunk.entries()) {
    const outcome = outcomes[i];
    if (outcome?.ok) {
      created.push(await pair(ctx, config, p, outcome.value));
      continue;
    }
    // An error reply is an answer: that command created nothing.
    await release(ctx, p.issue.id);
    if (outcome && !isPermanent(outcome.error))
      waitLonger(result, (outcome.error instanceof RetryableError ? outcome.error.retryAfterMs : undefined) ?? 60_000);
    else await retryIssueAlone(ctx, config, p, outcome?.error.message ?? 'no answer for this command', result);
  }
  return created;
}

/**
 * Pairs an earlier attempt linked (its batch add answered) but did not finish: it died moving their status or
 * recording them (a limit, a timeout). Their link has no last-synced state, which is how the page finds them; the
 * steps after the add run again, each safe to repeat. Their tasks are read in one list (≤ 50 ids).
 */
export async function finishLinkedIssues(
  ctx: SyncContext,
  config: SyncConfig,
  pairs: { issue: JiraIssue; link: PairLink }[],
  result: ChunkResult,
): Promise<void> {
  if (pairs.length === 0) return;
  const actingUserId = (await ctx.connection.get())?.actingUserId;
  const { tasks } = await ctx.b24.listTasks({
    filter: { ID: pairs.map((p) => p.link.taskId) },
    userFields: taskUserFields(config),
    start: -1,
  });
  const created: CreatedTask[] = [];
  for (const { issue, link } of pairs) {
    const task = tasks.find((t) => t.id === link.taskId);
    // A task gone meanwhile is the single path's to handle (a delete): the pair-sync finds it gone.
    if (!task) await handOver(ctx, { issueId: issue.id }, result);
    else created.push({ ...(await prepare(ctx, config, issue, actingUserId)), task, link });
  }
  await recordStates(ctx, config, created, actingUserId, result);
}

export async function tasksFromIssues(
  ctx: SyncContext,
  config: SyncConfig,
  issues: JiraIssue[],
  result: ChunkResult,
  runKey: string,
): Promise<CreatedTask[]> {
  const actingUserId = (await ctx.connection.get())?.actingUserId;
  const locked: PreparedIssue[] = [];
  for (const issue of issues) {
    // The single path's lock: an event for this issue waits instead of creating its task too.
    if (!(await ctx.kv.setIfAbsent(lockKey(issue.id), ctx.now(), { ttlSeconds: LOCK_TTL_SECONDS }))) {
      waitLonger(result, 30_000);
      continue;
    }
    locked.push(await prepare(ctx, config, issue, actingUserId));
  }
  const doubtful = locked.filter((p) => p.sentAt !== undefined);
  const found = await findCreated(ctx, config, doubtful);
  const paired: CreatedTask[] = [];
  const toSend: PreparedIssue[] = [];
  for (const p of locked) {
    const task = found.get(p.issue.id);
    if (task) paired.push(await pair(ctx, config, p, task));
    else toSend.push(p);
  }
  try {
    paired.push(...(await sendBatch(ctx, config, toSend, result, runKey)));
  } catch (error) {
    // The batch's outcome is unknown: the sent records stay for the retry; the locks must not block it.
    for (const p of toSend) await ctx.kv.delete(lockKey(p.issue.id));
    throw error;
  }
  await recordStates(ctx, config, paired, actingUserId, result);
  return paired;
}
