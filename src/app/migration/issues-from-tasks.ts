/**
 * Bitrix24 → Jira for one chunk (≤ 50) of unpaired tasks: one `POST /issue/bulk` with each issue's marker property;
 * what follows the answer (read-back, states, `XML_ID`) is created-issues.ts. Idempotent through the single path's
 * own creation lock (creation-lock.ts): a task whose create an earlier attempt sent with an unknown outcome is looked
 * up by its marker once Jira search can see it, never created again. Elements Jira refuses are journalled and retried
 * one by one through the single path (retry-alone.ts), which leaves out a refused field where it can.
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent, RetryableError } from '../../core/errors';
import { toJiraFields } from '../../core/mapping/to-side';
import type { B24Task } from '../../core/remote/b24';
import type { JiraBulkCreateOutcome } from '../../ports/jira';
import type { PairLink } from '../store/links';
import { note } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { allFlowingTo } from '../sync/flowing-fields';
import { createIssueFromTask } from '../sync/create-issue';
import { ISSUE_PROPERTY, parseMarker, sealedMarker } from '../sync/marker-seal';
import { restorableIssue } from '../sync/marker-trust';
import { CreationLock } from '../sync/creation-lock';
import { canonicalOfTask, mappingFor } from '../sync/read-sides';
import { firstHopId, initialTransitions } from './first-hop';
import { type ChunkResult, handOver, noteCreatedIssues, waitLonger } from './chunk';
import { type CreatedIssue, markTasks, type PreparedTask, recordStates } from './created-issues';
import { retryAlone } from './retry-alone';

const lockKey = (taskId: string): string => `creating:b24:${taskId}`;

/** True when an earlier attempt sent this task's create and its outcome is not known. */
async function inDoubt(ctx: SyncContext, taskId: string): Promise<boolean> {
  const held: unknown = await ctx.kv.get(lockKey(taskId));
  return typeof held === 'object' && held !== null && ('sentAt' in held || 'createdId' in held);
}

/** What the task's new issue will carry: every flowing field, mapped. */
async function issueWriteOf(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task,
): Promise<Pick<PreparedTask, 'canon' | 'write'>> {
  const mapping = await mappingFor(ctx, config, task, null);
  const canon = canonicalOfTask(task, mapping);
  return { canon, write: toJiraFields(allFlowingTo('jira', canon, config), mapping, true) };
}

async function prepare(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task,
  result: ChunkResult,
): Promise<{ prepared: PreparedTask; doubtful: boolean } | null> {
  const doubtful = await inDoubt(ctx, task.id);
  let lock: CreationLock;
  try {
    lock = await CreationLock.acquire(ctx, lockKey(task.id));
  } catch (error) {
    if (!(error instanceof RetryableError)) throw error;
    waitLonger(result, error.retryAfterMs ?? 30_000);
    return null;
  }
  return { prepared: { task, lock, ...(await issueWriteOf(ctx, config, task)) }, doubtful };
}

/** Issues an earlier attempt created for these tasks, by marker (search can see them: the lock waited it out). */
async function findMarked(
  ctx: SyncContext,
  config: SyncConfig,
  doubtful: PreparedTask[],
  result: ChunkResult,
): Promise<void> {
  if (doubtful.length === 0) return;
  const jql = doubtful.map((p) => `issue.property[${ISSUE_PROPERTY}].taskId = "${p.task.id}"`).join(' OR ');
  const known = doubtful
    .map((p) => p.lock.knownCreatedId)
    .filter((id): id is string => id !== undefined && /^\d+$/.test(id))
    .map(Number);
  const page = await ctx.jira.searchIssues(jql, {
    properties: [ISSUE_PROPERTY],
    maxResults: 100,
    ...(known.length ? { reconcileIssues: known } : {}),
  });
  for (const p of doubtful) {
    const candidates = page.items.map((i) => ({ issue: i.issue, marker: parseMarker(i.properties[ISSUE_PROPERTY]) }));
    const foundId = await restorableIssue(ctx, p.task.id, config, candidates);
    const found = candidates.find((c) => c.issue.id === foundId);
    if (found) {
      await ctx.links.save({
        taskId: p.task.id,
        issueId: found.issue.id,
        issueKey: found.issue.key,
        projectKey: found.issue.fields.project.key,
        linkedAt: ctx.now(),
      });
      await p.lock.release();
      await handOver(ctx, { taskId: p.task.id }, result);
    }
  }
}

/** The create itself: each issue with its sealed marker and, where the workflow allows, its first status hop. */
async function createInBulk(
  ctx: SyncContext,
  config: SyncConfig,
  chunk: PreparedTask[],
): Promise<JiraBulkCreateOutcome[]> {
  for (const p of chunk) await p.lock.markSent();
  const hops = new Map<string, Awaited<ReturnType<typeof initialTransitions>>>();
  for (const type of new Set(chunk.map((p) => JSON.stringify(p.write.fields.issuetype ?? null)))) {
    hops.set(type, await initialTransitions(ctx, config.projectKey, JSON.parse(type)));
  }
  const markers = new Map<string, { taskId: string; seal: string }>();
  for (const p of chunk) markers.set(p.task.id, await sealedMarker(ctx.deps, p.task.id));
  try {
    return await ctx.jira.createIssues(
      chunk.map((p) => {
        const transitionId = firstHopId(
          hops.get(JSON.stringify(p.write.fields.issuetype ?? null)) ?? null,
          p.write.status,
        );
        return {
          fields: p.write.fields,
          properties: [{ key: ISSUE_PROPERTY, value: markers.get(p.task.id) ?? null }],
          ...(transitionId === undefined ? {} : { transitionId }),
        };
      }),
    );
  } catch (error) {
    // A refusal or a 429 is an answer: nothing was created. A lost reply keeps the locks, so the retry looks first.
    if (isPermanent(error) || (error instanceof RetryableError && error.reason === 'rate-limited'))
      for (const p of chunk) await p.lock.release();
    throw error;
  }
}

async function sendBulk(
  ctx: SyncContext,
  config: SyncConfig,
  chunk: PreparedTask[],
  result: ChunkResult,
  runKey: string,
): Promise<CreatedIssue[]> {
  const outcomes = await createInBulk(ctx, config, chunk);
  await noteCreatedIssues(
    ctx,
    runKey,
    outcomes.flatMap((o) => (o.ok ? [o.id] : [])),
  );
  const created: CreatedIssue[] = [];
  for (const [i, p] of chunk.entries()) {
    const outcome = outcomes[i];
    if (outcome?.ok) {
      const link: PairLink = {
        taskId: p.task.id,
        issueId: outcome.id,
        issueKey: outcome.key,
        projectKey: config.projectKey,
        linkedAt: ctx.now(),
      };
      await ctx.links.save(link);
      await p.lock.release();
      created.push({ ...p, link });
    } else {
      await p.lock.release();
      await retryTaskAlone(ctx, config, p.task, outcome?.message ?? 'no answer for this element', result);
    }
  }
  return created;
}

async function retryTaskAlone(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task,
  reason: string,
  result: ChunkResult,
): Promise<void> {
  const what = `Task ${task.id} "${task.title}"`;
  const names = { id: task.id, title: task.title };
  await retryAlone(
    ctx,
    config,
    {
      ids: { taskId: task.id },
      refused: note(
        'migration.taskRefusedInBulk',
        { ...names, reason },
        `${what} was refused by Jira's bulk create (${reason}); retried on its own.`,
      ),
      notCreated: note('migration.taskNotCreated', names, `${what} could not be created in Jira:`),
      createAlone: async () =>
        'existingIssueId' in (await createIssueFromTask(ctx, task, config)) ? 'existing' : 'created',
    },
    result,
  );
}

/**
 * Pairs an earlier attempt linked (its bulk create answered) but did not finish: it died reading them back, moving
 * their status or marking the tasks (a 429 on a transition, a timeout). Their link has no last-synced state yet,
 * which is how the page finds them; the steps after the create run again, each of which is safe to repeat.
 */
export async function finishLinked(
  ctx: SyncContext,
  config: SyncConfig,
  pairs: { task: B24Task; link: PairLink }[],
  result: ChunkResult,
): Promise<void> {
  const created: CreatedIssue[] = [];
  for (const { task, link } of pairs) {
    const write = await issueWriteOf(ctx, config, task);
    created.push({ task, link, ...write, lock: await CreationLock.acquire(ctx, lockKey(task.id)) });
  }
  await recordStates(ctx, config, created, result);
  for (const c of created) await c.lock.release();
  await markTasks(
    ctx,
    created.filter((c) => c.task.xmlId !== c.link.issueId),
  );
}

/** `runKey` names the run (project and start), under which the first created issue id is noted. */
export async function issuesFromTasks(
  ctx: SyncContext,
  config: SyncConfig,
  tasks: B24Task[],
  result: ChunkResult,
  runKey: string,
): Promise<PairLink[]> {
  const ready: PreparedTask[] = [];
  const doubtful: PreparedTask[] = [];
  for (const task of tasks) {
    const p = await prepare(ctx, config, task, result);
    if (p) (p.doubtful ? doubtful : ready).push(p.prepared);
  }
  await findMarked(ctx, config, doubtful, result);
  const stillMissing = [];
  for (const p of doubtful) if (!(await ctx.links.byTask(p.task.id))) stillMissing.push(p);
  const created = await sendBulk(ctx, config, [...ready, ...stillMissing], result, runKey);
  await recordStates(ctx, config, created, result);
  await markTasks(ctx, created);
  return created.map((c) => c.link);
}
