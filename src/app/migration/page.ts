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
import type { AppDeps } from '../deps';
import { ISSUE_PROPERTY } from '../pair/create';
import { issueCustomFields, taskUserFields } from '../pair/read';
import { jqlProject } from '../reconcile/window';
import { ProjectConfigStore } from '../store/project-config';
import { SyncContext } from '../sync-context';
import { type ChunkResult, emptyResult, handOver } from './chunk';
import { copyIssueComments, copyTaskComments } from './copy-comments';
import { issuesFromTasks } from './issues-from-tasks';
import { toMigrationJobBody, type MigrationPageJob } from './jobs';
import { MigrationProgressStore, type MigrationProgress, type MigrationSide } from './progress';
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
  listed: number;
  alreadyLinked: number;
  next: string | null;
  last: boolean;
  result: ChunkResult;
}

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

async function jiraPage(ctx: SyncContext, config: SyncConfig, cursor: string | null): Promise<PageWork> {
  const page = await ctx.jira.searchIssues(`project = ${jqlProject(config.projectKey)} ORDER BY id ASC`, {
    properties: [ISSUE_PROPERTY], withComments: true, customFields: issueCustomFields(config), maxResults: ISSUE_PAGE,
    ...(cursor ? { nextPageToken: cursor } : {}),
  });
  const result = emptyResult();
  const todo: JiraIssue[] = [];
  const comments = new Map<string, JiraComment[]>();
  let alreadyLinked = 0;
  for (const item of page.items) {
    if (await ctx.links.byIssue(item.issue.id)) alreadyLinked += 1;
    // Created from a task by an earlier attempt that died before linking: the single path links it by marker.
    else if (markerOf(item.properties) !== null) await handOver(ctx, { issueId: item.issue.id }, result);
    else {
      todo.push(item.issue);
      if (item.comments?.length) comments.set(item.issue.id, item.comments);
    }
  }
  const created = [];
  for (const chunk of chunks(todo)) created.push(...(await tasksFromIssues(ctx, config, chunk, result)));
  // Comments of the whole page together: fewer batches than one per chunk.
  await copyIssueComments(ctx, created.filter((c) => comments.has(c.issue.id)).map((c) => ({ link: c.link, comments: comments.get(c.issue.id) ?? [] })));
  return { listed: page.items.length, alreadyLinked, next: page.nextPageToken ?? null, last: !page.nextPageToken, result };
}

async function b24Page(ctx: SyncContext, config: SyncConfig, cursor: string | null): Promise<PageWork> {
  const { pages, commentCounts } = await ctx.b24.listTaskPages({
    filter: { GROUP_ID: config.b24GroupId, '>ID': cursor ?? '0' }, order: { ID: 'asc' }, userFields: taskUserFields(config),
    starts: Array.from({ length: LIST_PAGES_PER_BATCH }, (_, i) => i * TASK_PAGE),
  });
  const tasks = pages.flat();
  const result = emptyResult();
  const todo: B24Task[] = [];
  for (const task of tasks) if (!(await ctx.links.byTask(task.id))) todo.push(task);
  const links = [];
  for (const chunk of chunks(todo)) links.push(...(await issuesFromTasks(ctx, config, chunk, result)));
  await copyTaskComments(ctx, links, commentCounts);
  const last = tasks.length < LIST_PAGES_PER_BATCH * TASK_PAGE;
  return { listed: tasks.length, alreadyLinked: tasks.length - todo.length, next: tasks.at(-1)?.id ?? cursor, last, result };
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
  const work = job.side === 'jira' ? await jiraPage(ctx, config, job.cursor) : await b24Page(ctx, config, job.cursor);
  if (work.result.waitMs !== undefined) {
    throw new RetryableError('server-error', 'some entities of this page must wait (a create in doubt, or another job creating them)', { code: 'app:migration-wait', retryAfterMs: work.result.waitMs });
  }
  await journalPage(ctx, config, job.side, job.page, work);
  const side = progress[job.side];
  const nextSide = { ...side, listed: side.listed + work.listed, alreadyLinked: side.alreadyLinked + work.alreadyLinked, cursor: work.next, page: side.page + 1, done: work.last };
  const r = work.result;
  const next = { ...progress, [job.side]: nextSide, enqueued: progress.enqueued + r.created + r.handedOver, updatedAt: deps.clock.now() };
  if (!work.last) await pushPage(deps, { ...job, cursor: work.next, page: nextSide.page });
  else if (job.side === 'jira' && !next.b24.done) await pushPage(deps, { ...job, side: 'b24', cursor: next.b24.cursor, page: next.b24.page });
  const finished = next.b24.done && next.jira.done;
  await store.save(job.projectKey, finished ? { ...next, state: 'done', finishedAt: deps.clock.now() } : next);
  return { kind: 'recorded', listed: work.listed, enqueued: r.created + r.handedOver };
}

export async function pushPage(deps: AppDeps, job: MigrationPageJob, delaySeconds = 0): Promise<void> {
  await deps.migrationQueue.push([toMigrationJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
}
