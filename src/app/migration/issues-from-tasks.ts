/**
 * Bitrix24 → Jira for one chunk (≤ 50) of unpaired tasks: one `POST /issue/bulk` with each issue's marker property,
 * one read-back of the created issues, links and last-synced states stored as the single path stores them, then
 * `XML_ID` on the tasks in one batch. Idempotent through the single path's own creation lock (creation-lock.ts):
 * a task whose create an earlier attempt sent with an unknown outcome is looked up by its marker once Jira search
 * can see it, never created again. Elements Jira refuses are journalled and retried one by one through the single
 * path, which leaves out a refused field where it can.
 */
import type { SyncConfig } from '../../core/config';
import { errorMessage, isPermanent, RetryableError } from '../../core/errors';
import { readJiraStatus } from '../../core/mapping/status';
import { toJiraFields, type JiraWrite } from '../../core/mapping/to-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { PairLink } from '../store/links';
import { failureNote } from '../job-failure-note';
import { note, sentencesOf } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { moveIssueTo } from '../sync/write-plan';
import { allFlowingTo } from '../sync/flowing-fields';
import { createIssueFromTask, ISSUE_PROPERTY } from '../sync/create-counterpart';
import { parseMarker, sealedMarker } from '../sync/marker-seal';
import { restorableIssue } from '../sync/marker-trust';
import { CreationLock } from '../sync/creation-lock';
import { warningSentence } from '../sync/journal-entry';
import { canonicalOfIssue, canonicalOfTask, issueCustomFields, mappingFor } from '../sync/read-sides';
import { firstHopId, initialTransitions, learnInitialTransitions } from './first-hop';
import { type ChunkResult, handOver, journalFailure, noteCreatedIssues, waitLonger } from './chunk';

interface Prepared {
  task: B24Task;
  lock: CreationLock;
  canon: CanonicalTask;
  write: JiraWrite;
}

interface Created extends Prepared {
  link: PairLink;
}

const lockKey = (taskId: string): string => `creating:b24:${taskId}`;

/** True when an earlier attempt sent this task's create and its outcome is not known. */
async function inDoubt(ctx: SyncContext, taskId: string): Promise<boolean> {
  const held: unknown = await ctx.kv.get(lockKey(taskId));
  return typeof held === 'object' && held !== null && ('sentAt' in held || 'createdId' in held);
}

async function prepare(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task,
  result: ChunkResult,
): Promise<{ prepared: Prepared; doubtful: boolean } | null> {
  const doubtful = await inDoubt(ctx, task.id);
  let lock: CreationLock;
  try {
    lock = await CreationLock.acquire(ctx, lockKey(task.id));
  } catch (error) {
    if (!(error instanceof RetryableError)) throw error;
    waitLonger(result, error.retryAfterMs ?? 30_000);
    return null;
  }
  const mapping = await mappingFor(ctx, config, task, null);
  const canon = canonicalOfTask(task, mapping);
  return {
    prepared: { task, lock, canon, write: toJiraFields(allFlowingTo('jira', canon, config), mapping, true) },
    doubtful,
  };
}

/** Issues an earlier attempt created for these tasks, by marker (search can see them: the lock waited it out). */
async function findMarked(
  ctx: SyncContext,
  config: SyncConfig,
  doubtful: Prepared[],
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

async function sendBulk(
  ctx: SyncContext,
  config: SyncConfig,
  chunk: Prepared[],
  result: ChunkResult,
  runKey: string,
): Promise<Created[]> {
  for (const p of chunk) await p.lock.markSent();
  const hops = new Map<string, Awaited<ReturnType<typeof initialTransitions>>>();
  for (const type of new Set(chunk.map((p) => JSON.stringify(p.write.fields.issuetype ?? null)))) {
    hops.set(type, await initialTransitions(ctx, config.projectKey, JSON.parse(type)));
  }
  const markers = new Map<string, { taskId: string; seal: string }>();
  for (const p of chunk) markers.set(p.task.id, await sealedMarker(ctx.deps, p.task.id));
  let outcomes;
  try {
    outcomes = await ctx.jira.createIssues(
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
  await noteCreatedIssues(
    ctx,
    runKey,
    outcomes.flatMap((o) => (o.ok ? [o.id] : [])),
  );
  const created: Created[] = [];
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
      await retryAlone(ctx, config, p.task, outcome?.message ?? 'no answer for this element', result);
    }
  }
  return created;
}

/** A refused element: journalled with Jira's reason, then created on its own by the single path. */
async function retryAlone(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task,
  reason: string,
  result: ChunkResult,
): Promise<void> {
  result.refused += 1;
  const what = `Task ${task.id} "${task.title}"`;
  const names = { id: task.id, title: task.title };
  await journalFailure(ctx, config, { taskId: task.id }, 'warning', [
    note(
      'migration.taskRefusedInBulk',
      { ...names, reason },
      `${what} was refused by Jira's bulk create (${reason}); retried on its own.`,
    ),
  ]);
  try {
    const single = await createIssueFromTask(ctx, task, config);
    if ('existingIssueId' in single) await handOver(ctx, { taskId: task.id }, result);
    else result.created += 1;
  } catch (error) {
    if (!isPermanent(error)) throw error;
    result.failed += 1;
    const detail = errorMessage(error);
    await journalFailure(ctx, config, { taskId: task.id }, 'failed', [
      note('migration.taskNotCreated', names, `${what} could not be created in Jira:`),
      failureNote(error, null, detail),
    ]);
  }
}

/** The create reply has ids only; the snapshot needs what Jira filled in, read back in one search (read-after-write). */
async function recordStates(
  ctx: SyncContext,
  config: SyncConfig,
  created: Created[],
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
async function markTasks(ctx: SyncContext, created: Created[]): Promise<void> {
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
  const created: Created[] = [];
  for (const { task, link } of pairs) {
    const mapping = await mappingFor(ctx, config, task, null);
    const canon = canonicalOfTask(task, mapping);
    created.push({
      task,
      link,
      canon,
      write: toJiraFields(allFlowingTo('jira', canon, config), mapping, true),
      lock: await CreationLock.acquire(ctx, lockKey(task.id)),
    });
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
  const ready: Prepared[] = [];
  const doubtful: Prepared[] = [];
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
