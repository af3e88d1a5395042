/**
 * Creating the Jira issue of a task with none, idempotently: the creation lock (creation-lock.ts) stops concurrent
 * duplicates and outlives an attempt whose create may have landed, and the issue property marker naming the task
 * lets a retry find what an earlier attempt created instead of creating it again.
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent, PermanentError, RetryableError } from '../../core/errors';
import type { MappingContext } from '../../core/mapping/context';
import { readJiraStatus } from '../../core/mapping/status';
import { toJiraFields, type JiraWrite } from '../../core/mapping/to-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { allFlowingTo } from './flowing-fields';
import { CreationLock } from './creation-lock';
import { canonicalFields, recordCreation } from './creation-journal';
import { refusedValues, warningSentence } from './journal-entry';
import { refusalSentence, writeDroppingRefused, type RefusedField } from './jira-refusals';
import { ISSUE_PROPERTY, parseMarker, sealedMarker } from './marker-seal';
import { restorableIssue } from './marker-trust';
import { canonicalOfIssue, canonicalOfTask, mappingFor, readIssue } from './read-sides';
import { moveIssueTo } from './status-walks';

/** Jira cannot create an issue without these; a refusal of one of them is a real failure, not a field to leave out. */
const CREATE_MANDATORY = ['project', 'issuetype', 'summary'];

/**
 * A task in a paired workgroup with no issue yet. Returns the link (new or found by marker). The lock outlives an
 * attempt whose create may have landed (see creation-lock.ts); it is released once the link is saved, or when
 * nothing can have been created (failure before sending, or Jira refused the create).
 */
export async function createIssueFromTask(
  ctx: SyncContext,
  task: B24Task,
  config: SyncConfig,
): Promise<PairLink | { existingIssueId: string }> {
  const lock = await CreationLock.acquire(ctx, `creating:b24:${task.id}`);
  try {
    return await issueFromTask(ctx, task, config, lock);
  } catch (error) {
    // A refusal or a 429 is an answer: nothing was created. A lost reply, a timeout or a 5xx may hide a create.
    const answered = isPermanent(error) || (error instanceof RetryableError && error.reason === 'rate-limited');
    if (!lock.sent || answered) await lock.release();
    throw error;
  }
}

/**
 * The issue the app made for the task, found by its marker; an id an earlier attempt got back is named for
 * read-after-write search. Anyone who may edit an issue may write a marker, so only one the app may take counts.
 */
async function markedIssue(
  ctx: SyncContext,
  config: SyncConfig,
  taskId: string,
  knownId: string | undefined,
): Promise<string | undefined> {
  const reconcile = knownId !== undefined && /^\d+$/.test(knownId) ? { reconcileIssues: [Number(knownId)] } : {};
  const marked = await ctx.jira.searchIssues(`issue.property[${ISSUE_PROPERTY}].taskId = "${taskId}"`, {
    properties: [ISSUE_PROPERTY],
    maxResults: 10,
    ...reconcile,
  });
  return restorableIssue(
    ctx,
    taskId,
    config,
    marked.items.map((i) => ({ issue: i.issue, marker: parseMarker(i.properties[ISSUE_PROPERTY]) })),
  );
}

async function issueFromTask(
  ctx: SyncContext,
  task: B24Task,
  config: SyncConfig,
  lock: CreationLock,
): Promise<PairLink | { existingIssueId: string }> {
  const started = ctx.now();
  const existing = await markedIssue(ctx, config, task.id, lock.knownCreatedId);
  if (existing !== undefined) {
    await lock.release();
    return { existingIssueId: existing };
  }
  const mapping = await mappingFor(ctx, config, task, null);
  const canon = canonicalOfTask(task, mapping);
  const flowing = allFlowingTo('jira', canon, config);
  const write = toJiraFields(flowing, mapping, true);
  const { link, refused } = await sendCreate(ctx, task, config, lock, write);
  const problems = [...write.warnings.map(warningSentence), ...refused.map((r) => refusalSentence(r, canon, config))];
  await bringInLine(ctx, config, link, { canon, mapping, write }, problems);
  const refusedFields = refusedValues({ skipped: [] }, write.warnings);
  await recordCreation(ctx, link, 'b24-to-jira', canonicalFields(flowing), problems, started, refusedFields);
  return link;
}

/** The create with the task's sealed marker, its link saved as soon as the reply names the issue. */
async function sendCreate(
  ctx: SyncContext,
  task: B24Task,
  config: SyncConfig,
  lock: CreationLock,
  write: JiraWrite,
): Promise<{ link: PairLink; refused: RefusedField[] }> {
  const properties = [{ key: ISSUE_PROPERTY, value: await sealedMarker(ctx.deps, task.id) }];
  await lock.markSent();
  const { result: created, refused } = await writeDroppingRefused(
    write.fields,
    (fields) => ctx.jira.createIssue(fields, properties),
    CREATE_MANDATORY,
  );
  if (created === undefined)
    throw new PermanentError('invalid-request', 'Jira refused every field of the new issue', { code: 'jira:400' });
  await lock.markCreated(created.id);
  const link: PairLink = {
    taskId: task.id,
    issueId: created.id,
    issueKey: created.key,
    projectKey: config.projectKey,
    linkedAt: ctx.now(),
  };
  await ctx.links.save(link);
  await lock.release();
  return { link, refused };
}

/** The new issue read back and its status walked to the task's, the pair's state saved at each stage. */
async function bringInLine(
  ctx: SyncContext,
  config: SyncConfig,
  link: PairLink,
  { canon, mapping, write }: { canon: CanonicalTask; mapping: MappingContext; write: JiraWrite },
  problems: JournalNote[],
): Promise<void> {
  const { taskId, issueId } = link;
  // Until the pair's state is saved, a retry would merge with no base and take every field for a conflict.
  await ctx.states.save(taskId, issueId, {
    base: { b24: canon, jira: canon },
    lastSync: { at: ctx.now(), outcome: 'synced' },
    pending: true,
  });
  const issue = await readIssue(ctx, issueId, config);
  let jira = issue ? canonicalOfIssue(issue, mapping) : canon;
  // The status move is still to come: stored as "changed in Bitrix24 only", so a retry makes it, nothing else.
  if (issue)
    await ctx.states.save(taskId, issueId, {
      base: { b24: { ...canon, status: jira.status }, jira },
      lastSync: { at: ctx.now(), outcome: 'synced' },
      pending: true,
    });
  if (issue && write.status) {
    const moved = await moveIssueTo(ctx, issue.id, issue.fields.status, write.status);
    if (moved.blocked) problems.push(moved.blocked);
    jira = { ...jira, status: readJiraStatus(moved.reached.name, config.statuses) };
  }
  await ctx.states.save(taskId, issueId, {
    base: { b24: canon, jira },
    lastSync: { at: ctx.now(), outcome: problems.length ? 'warning' : 'synced' },
  });
}
