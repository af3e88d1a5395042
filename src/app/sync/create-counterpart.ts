/**
 * Creating the missing side of a pair, idempotently: a short lock stops concurrent duplicates, and the markers
 * (the issue property `b24-sync` naming the task, the task's XML_ID naming the issue) let a retry find what an
 * earlier attempt created instead of creating it again.
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent, PermanentError, RetryableError } from '../../core/errors';
import { readB24Status, readJiraStatus } from '../../core/mapping/status';
import { toB24Fields, toJiraFields, type CanonicalChanges } from '../../core/mapping/to-side';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { moveIssueTo, moveTaskTo } from './status-walks';
import { allFlowingTo } from './flowing-fields';
import { findTaskCreatedFor } from './find-created-task';
import { refusedValues, warningSentence } from './journal-entry';
import { CreationLock } from './creation-lock';
import { refusalSentence, writeDroppingRefused } from './jira-refusals';
import { ISSUE_PROPERTY, parseMarker, sealedMarker } from './marker-seal';
import { restorableIssue } from './marker-trust';
import { canonicalOfIssue, canonicalOfTask, mappingFor, readIssue } from './read-sides';
import { keys } from '../store/keys';

export { ISSUE_PROPERTY } from './marker-seal';
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

/** `refused`: fields left unwritten because the new side cannot hold their value. */
async function record(
  ctx: SyncContext,
  link: PairLink,
  direction: 'b24-to-jira' | 'jira-to-b24',
  fields: string[],
  problems: JournalNote[],
  started: number,
  refused: string[] = [],
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction,
    operation: 'create',
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: fields.filter((f) => !refused.includes(f)),
    ...(refused.length ? { refused } : {}),
    outcome: problems.length ? 'warning' : 'synced',
    notes: problems,
    calls: ctx.calls(),
    durationMs: ctx.now() - started,
  });
}

/** The journal names fields by the sync's names (`title`, `UF_…`), as every other entry does, not by one side's ids. */
const canonicalFields = (changes: CanonicalChanges): string[] =>
  Object.keys(changes)
    .filter((k) => k !== 'custom')
    .concat(Object.keys(changes.custom ?? {}));

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
  // Until the pair's state is saved, a retry would merge with no base and take every field for a conflict.
  await ctx.states.save(task.id, created.id, {
    base: { b24: canon, jira: canon },
    lastSync: { at: ctx.now(), outcome: 'synced' },
    pending: true,
  });
  const issue = await readIssue(ctx, created.id, config);
  const problems = [...write.warnings.map(warningSentence), ...refused.map((r) => refusalSentence(r, canon, config))];
  let jira = issue ? canonicalOfIssue(issue, mapping) : canon;
  // The status move is still to come: stored as "changed in Bitrix24 only", so a retry makes it, nothing else.
  if (issue)
    await ctx.states.save(task.id, created.id, {
      base: { b24: { ...canon, status: jira.status }, jira },
      lastSync: { at: ctx.now(), outcome: 'synced' },
      pending: true,
    });
  if (issue && write.status) {
    const moved = await moveIssueTo(ctx, issue.id, issue.fields.status, write.status);
    if (moved.blocked) problems.push(moved.blocked);
    jira = { ...jira, status: readJiraStatus(moved.reached.name, config.statuses) };
  }
  await ctx.states.save(task.id, created.id, {
    base: { b24: canon, jira },
    lastSync: { at: ctx.now(), outcome: problems.length ? 'warning' : 'synced' },
  });
  await record(
    ctx,
    link,
    'b24-to-jira',
    canonicalFields(flowing),
    problems,
    started,
    refusedValues({ skipped: [] }, write.warnings),
  );
  return link;
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
  // An earlier attempt's task was created by whoever this one would create it as.
  const creator = write.fields.CREATED_BY;
  const createdBy =
    typeof creator === 'string' || typeof creator === 'number' ? String(creator) : connection?.actingUserId;
  // Anyone may write XML_ID: a task carrying the issue's id is taken only while the app's own add is in doubt.
  const sent: unknown = await ctx.kv.get(keys.taskAddSent(issue.id));
  const marked = typeof sent === 'number' ? await findTaskCreatedFor(ctx, issue, config, createdBy, sent) : null;
  if (marked) {
    await ctx.links.save({
      taskId: marked,
      issueId: issue.id,
      issueKey: issue.key,
      projectKey: config.projectKey,
      linkedAt: ctx.now(),
    });
    await ctx.kv.delete(keys.taskAddSent(issue.id));
    return { existingTaskId: marked };
  }
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
  let b24 = canonicalOfTask(task, await mappingFor(ctx, config, task, issue));
  // Until the status move is made, a retry must see it as "changed in Jira only" (never as a conflict).
  await ctx.states.save(task.id, issue.id, {
    base: { b24, jira: { ...canon, status: b24.status } },
    lastSync: { at: ctx.now(), outcome: 'synced' },
    pending: true,
  });
  if (write.status) {
    const moved = await moveTaskTo(ctx, task, write.status, connection?.actingUserId);
    if (moved.blocked) problems.push(moved.blocked);
    if (moved.note) problems.push(moved.note);
    b24 = { ...b24, status: readB24Status(moved.reached, task.userFields, config.statuses) };
  }
  await ctx.states.save(task.id, issue.id, {
    base: { b24, jira: canon },
    lastSync: { at: ctx.now(), outcome: problems.length ? 'warning' : 'synced' },
  });
  await record(
    ctx,
    link,
    'jira-to-b24',
    canonicalFields(flowing),
    problems,
    started,
    refusedValues({ skipped: [] }, write.warnings),
  );
  return link;
}
