/**
 * One page of the initial migration, done in bulk: Jira first (a `/search/jql` page of issues, their tasks added 50
 * per batch), then Bitrix24 (many `tasks.task.list` pages in one batch, their issues created 50 per bulk call).
 * Jira goes first because Jira search cannot leave out the issues the migration creates, while the Bitrix24 list
 * re-reads the tasks it created at 2,500 a call (see src/core/migration/cost.ts for the whole bound).
 *
 * Resumability: every entity is paired (link saved) as soon as its create answers, and progress is recorded only
 * after the page, so a retried page lists the same entities again, skips the linked ones and finds, by marker,
 * any whose create was sent but not answered. When some entity must wait (search still stale after a lost reply,
 * another job's creation lock) the page throws a RetryableError with that wait, after doing everything else.
 */
import type { SyncConfig } from '../../core/config';
import { RetryableError } from '../../core/errors';
import type { B24Task } from '../../core/remote/b24';
import type { JiraComment, JiraIssue } from '../../core/remote/jira';
import type { JiraSearchItem } from '../../ports/jira';
import type { AppDeps } from '../deps';
import { ISSUE_PROPERTY } from '../pair/create';
import { issueCustomFields, taskUserFields } from '../pair/read';
import { jqlProject } from '../reconcile/window';
import type { PairLink } from '../store/links';
import { ProjectConfigStore } from '../store/project-config';
import { SyncContext } from '../sync-context';
import { type ChunkResult, emptyResult, firstCreatedIssue, handOver } from './chunk';
import { copyIssueComments, copyTaskComments } from './copy-comments';
import { paceAfterPage, type PageSpend } from './page-pacing';
import { issuesFromTasks } from './issues-from-tasks';
import { commentsCopied, owesComments, stillOwesComments } from './pending-comments';
import { toMigrationJobBody, type MigrationPageJob } from './jobs';
import { MigrationProgressStore, type MigrationProgress, type MigrationSide } from './progress';
import { reconcileFromNow } from './reconcile-handoff';
import { tasksFromIssues } from './tasks-from-issues';

/** Tasks per tasks.task.list page (fixed by Bitrix24), pages per batch, and issues per search page (Jira's max with fields). */
export const TASK_PAGE = 50;
export const LIST_PAGES_PER_BATCH = 10;
export const ISSUE_PAGE = 100;
/** Elements per bulk create and commands per batch. */
const CHUNK = 50;

export type PageOutcome =
  | { kind: 'recorded'; listed: number; enqueued: number }
  | { kind: 'dropped'; reason: string }
  | { kind: 'wait'; reason: string };

interface PageWork {
  /** What the page spent, for pacing the next one. */
  spend: PageSpend;
  listed: number;
  alreadyLinked: number;
  next: string | null;
  last: boolean;
  result: ChunkResult;
}

/** The Bitrix24 methods each side's pages spend operating time on (the pacer's resource names). */
const SIDE_METHODS: Record<MigrationSide, string[]> = {
  jira: ['b24:tasks.task.add', 'b24:task.commentitem.add'],
  b24: ['b24:tasks.task.update', 'b24:tasks.task.list', 'b24:task.commentitem.getlist'],
};

const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Whether this delivery is the page the run expects next. */
function gate(progress: MigrationProgress | null, job: MigrationPageJob): PageOutcome | null {
  if (!progress || progress.runId !== job.runId || progress.state !== 'running') return { kind: 'dropped', reason: 'not the running migration' };
  const side = progress[job.side];
  if (side.done || job.page < side.page) return { kind: 'dropped', reason: 'page already recorded' };
  if (job.page > side.page) return { kind: 'wait', reason: 'the previous page is not recorded yet' };
  return null;
}

const markerOf = (properties: Record<string, unknown>): string | null => {
  const marker = properties[ISSUE_PROPERTY];
  return typeof marker === 'object' && marker !== null && 'taskId' in marker && typeof marker.taskId === 'string' ? marker.taskId : null;
};

/** Search pages per job: 500 issues, as many as a Bitrix24 job lists, so the two sides alternate evenly. */
export const ISSUE_PAGES_PER_JOB = 5;

/**
 * Issues by id, 100 a page, after the cursor (the last id listed) and before the first issue this migration
 * created: a cursor of ids rather than a page token, so the bound can be added once it is known.
 */
async function searchPages(ctx: SyncContext, config: SyncConfig, cursor: string | null, runKey: string): Promise<{ items: JiraSearchItem[]; next: string | null; last: boolean }> {
  const items: JiraSearchItem[] = [];
  let after = cursor !== null && /^\d+$/.test(cursor) ? cursor : '0';
  const first = await firstCreatedIssue(ctx, runKey);
  for (let i = 0; i < ISSUE_PAGES_PER_JOB; i += 1) {
    const bound = first === null ? '' : ` AND id < ${first}`;
    const page = await ctx.jira.searchIssues(`project = ${jqlProject(config.projectKey)} AND id > ${after}${bound} ORDER BY id ASC`, {
      properties: [ISSUE_PROPERTY], withComments: true, customFields: issueCustomFields(config), maxResults: ISSUE_PAGE,
    });
    items.push(...page.items);
    after = page.items.at(-1)?.issue.id ?? after;
    // No token: Jira has nothing after this page, so no empty page is asked for (and paced) later.
    if (page.nextPageToken === undefined || page.items.length < ISSUE_PAGE) return { items, next: after, last: true };
  }
  return { items, next: after, last: false };
}

async function jiraPage(ctx: SyncContext, config: SyncConfig, cursor: string | null, runKey: string): Promise<PageWork> {
  const page = await searchPages(ctx, config, cursor, runKey);
  const result = emptyResult();
  const todo: JiraIssue[] = [];
  const comments = new Map<string, JiraComment[]>();
  const owed: PairLink[] = [];
  let alreadyLinked = 0;
  for (const item of page.items) {
    const link = await ctx.links.byIssue(item.issue.id);
    if (link) {
      alreadyLinked += 1;
      if (item.comments?.length && (await stillOwesComments(ctx.deps.kv, 'jira', item.issue.id))) owed.push(link);
    } else if (markerOf(item.properties) !== null) {
      // Created from a task by an earlier attempt that died before linking: the single path links it by marker.
      await handOver(ctx, { issueId: item.issue.id }, result);
    } else todo.push(item.issue);
    if (item.comments?.length) comments.set(item.issue.id, item.comments);
  }
  await owesComments(ctx.deps.kv, 'jira', todo.filter((i) => comments.has(i.id)).map((i) => i.id));
  const created = [];
  for (const chunk of chunks(todo)) created.push(...(await tasksFromIssues(ctx, config, chunk, result, runKey)));
  // Comments of the whole page together: fewer batches than one per chunk.
  const copy = [...owed, ...created.map((c) => c.link)].filter((l) => comments.has(l.issueId));
  await copyIssueComments(ctx, copy.map((link) => ({ link, comments: comments.get(link.issueId) ?? [] })));
  await commentsCopied(ctx.deps.kv, 'jira', copy.map((l) => l.issueId));
  const commentCount = copy.reduce((n, l) => n + (comments.get(l.issueId)?.length ?? 0), 0);
  const spend: PageSpend = {
    b24Commands: { 'tasks.task.add': todo.length, 'task.commentitem.add': commentCount },
    b24Requests: ctx.calls().b24, jiraPoints: ctx.calls().jira + page.items.length, events: todo.length + commentCount,
  };
  return { spend, listed: page.items.length, alreadyLinked, next: page.next, last: page.last, result };
}

async function b24Page(ctx: SyncContext, config: SyncConfig, cursor: string | null, runKey: string): Promise<PageWork> {
  const first = await firstCreatedIssue(ctx, runKey, 'b24');
  const { pages, commentCounts } = await ctx.b24.listTaskPages({
    filter: { GROUP_ID: config.b24GroupId, '>ID': cursor ?? '0', ...(first === null ? {} : { '<ID': String(first) }) }, order: { ID: 'asc' }, userFields: taskUserFields(config),
    starts: Array.from({ length: LIST_PAGES_PER_BATCH }, (_, i) => i * TASK_PAGE),
  });
  const tasks = pages.flat();
  const result = emptyResult();
  const todo: B24Task[] = [];
  const owed: PairLink[] = [];
  for (const task of tasks) {
    const link = await ctx.links.byTask(task.id);
    if (!link) todo.push(task);
    else if (commentCounts.has(task.id) && (await stillOwesComments(ctx.deps.kv, 'b24', task.id))) owed.push(link);
  }
  await owesComments(ctx.deps.kv, 'b24', todo.filter((t) => commentCounts.has(t.id)).map((t) => t.id));
  const links = [...owed];
  for (const chunk of chunks(todo)) links.push(...(await issuesFromTasks(ctx, config, chunk, result, runKey)));
  await copyTaskComments(ctx, links, commentCounts);
  await commentsCopied(ctx.deps.kv, 'b24', links.filter((l) => commentCounts.has(l.taskId)).map((l) => l.taskId));
  const spend: PageSpend = {
    b24Commands: { 'tasks.task.update': todo.length, 'tasks.task.list': LIST_PAGES_PER_BATCH },
    b24Requests: ctx.calls().b24, jiraPoints: ctx.calls().jira + 2 * todo.length, events: todo.length,
  };
  const last = tasks.length < LIST_PAGES_PER_BATCH * TASK_PAGE;
  return { spend, listed: tasks.length, alreadyLinked: tasks.length - todo.length, next: tasks.at(-1)?.id ?? cursor, last, result };
}

async function journalPage(ctx: SyncContext, config: SyncConfig, side: MigrationSide, page: number, work: PageWork): Promise<void> {
  const r = work.result;
  const what = side === 'jira' ? 'Jira issues' : 'Bitrix24 tasks';
  const failed = r.failed > 0 ? `, ${r.failed} could not be created (see their entries)` : '';
  await ctx.journal.record({
    at: ctx.now(), projectKey: config.projectKey, direction: side === 'jira' ? 'jira-to-b24' : 'b24-to-jira', operation: 'migration',
    fields: [], outcome: r.failed > 0 || r.refused > 0 ? 'warning' : 'synced', calls: ctx.calls(),
    message: `Migration page ${page + 1} of ${what}: ${work.listed} listed, ${work.alreadyLinked} already paired, ${r.created} paired now, ${r.handedOver} finished by marker, ${r.refused} refused in bulk and retried one by one${failed}.`,
  });
}

export async function runMigrationPage(deps: AppDeps, job: MigrationPageJob): Promise<PageOutcome> {
  const store = new MigrationProgressStore(deps.kv);
  const progress = await store.get(job.projectKey);
  const refused = gate(progress, job);
  if (refused || !progress) return refused ?? { kind: 'dropped', reason: 'no migration' };
  const config = await new ProjectConfigStore(deps.kv).get(job.projectKey);
  if (!config) {
    await store.save(job.projectKey, { ...progress, state: 'failed', error: 'The project is no longer paired with a Bitrix24 workgroup.', updatedAt: deps.clock.now() });
    return { kind: 'dropped', reason: 'project not paired' };
  }
  const ctx = await SyncContext.create(deps);
  ctx.useProject(config.projectKey);
  const runKey = `${job.projectKey}:${progress.startedAt}`;
  const work = job.side === 'jira' ? await jiraPage(ctx, config, job.cursor, runKey) : await b24Page(ctx, config, job.cursor, runKey);
  if (work.result.waitMs !== undefined) {
    throw new RetryableError('server-error', 'some entities of this page must wait (a create in doubt, or another job creating them)', { code: 'app:migration-wait', retryAfterMs: work.result.waitMs });
  }
  await journalPage(ctx, config, job.side, job.page, work);
  const side = progress[job.side];
  const recorded = { ...side, listed: side.listed + work.listed, alreadyLinked: side.alreadyLinked + work.alreadyLinked, cursor: work.next, page: side.page + 1, done: work.last };
  const r = work.result;
  const next = { ...progress, [job.side]: recorded, enqueued: progress.enqueued + r.created + r.handedOver, updatedAt: deps.clock.now() };
  // Sides alternate, so each side's Bitrix24 method recovers its operating time while the other runs.
  const other: MigrationSide = job.side === 'jira' ? 'b24' : 'jira';
  const nextSide: MigrationSide | null = !next[other].done ? other : !work.last ? job.side : null;
  if (nextSide !== null) {
    const uses = (resource: string): boolean => SIDE_METHODS[nextSide].includes(resource) || !(resource.startsWith('b24:tasks.') || resource.startsWith('b24:task.'));
    const delay = await paceAfterPage(deps.kv, job.projectKey, deps.clock.now(), work.spend, uses);
    await pushPage(deps, { ...job, side: nextSide, cursor: next[nextSide].cursor, page: next[nextSide].page }, delay);
  }
  const finished = next.b24.done && next.jira.done;
  if (finished) await reconcileFromNow(deps, job.projectKey, config.b24GroupId);
  await store.save(job.projectKey, finished ? { ...next, state: 'done', finishedAt: deps.clock.now() } : next);
  return { kind: 'recorded', listed: work.listed, enqueued: r.created + r.handedOver };
}

export async function pushPage(deps: AppDeps, job: MigrationPageJob, delaySeconds = 0): Promise<void> {
  await deps.migrationQueue.push([toMigrationJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
}
