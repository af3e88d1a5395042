/**
 * A Jira page of the migration: up to 500 issues by id (five search pages), each unpaired one given a task through
 * `batch` (50 `tasks.task.add` a call, `XML_ID` in the add), then the page's comments copied together.
 */
import type { SyncConfig } from '../../core/config';
import type { JiraComment, JiraIssue } from '../../core/remote/jira';
import type { JiraSearchItem } from '../../ports/jira';
import { ISSUE_PROPERTY } from '../sync/marker-seal';
import { issueCustomFields } from '../sync/read-sides';
import { jqlProject } from '../../core/remote/queries';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { type ChunkResult, emptyResult, firstCreatedIssue, handOver } from './chunk';
import { copyIssueAttachments } from './copy-attachments';
import { copyIssueComments } from './copy-comments';
import type { PageSpend } from './page-pacing';
import { chunks, ISSUE_PAGE, ISSUE_PAGES_PER_JOB, type PageWork } from './page-work';
import { commentsCopied, owesComments, stillOwesComments } from './pending-comments';
import { pairByTaskMarks, scanTaskMarks } from './task-marks';
import { finishLinkedIssues, tasksFromIssues } from './tasks-from-issues';

const markerOf = (properties: Record<string, unknown>): string | null => {
  const marker = properties[ISSUE_PROPERTY];
  return typeof marker === 'object' && marker !== null && 'taskId' in marker && typeof marker.taskId === 'string'
    ? marker.taskId
    : null;
};

/**
 * Issues by id, 100 a page, after the cursor (the last id listed) and before the first issue this migration
 * created: a cursor of ids rather than a page token, so the bound can be added once it is known.
 */
async function searchPages(
  ctx: SyncContext,
  config: SyncConfig,
  cursor: string | null,
  runKey: string,
): Promise<{ items: JiraSearchItem[]; next: string | null; last: boolean }> {
  const items: JiraSearchItem[] = [];
  let after = cursor !== null && /^\d+$/.test(cursor) ? cursor : '0';
  const first = await firstCreatedIssue(ctx, runKey);
  for (let i = 0; i < ISSUE_PAGES_PER_JOB; i += 1) {
    const bound = first === null ? '' : ` AND id < ${first}`;
    const page = await ctx.jira.searchIssues(
      `project = ${jqlProject(config.projectKey)} AND id > ${after}${bound} ORDER BY id ASC`,
      {
        properties: [ISSUE_PROPERTY],
        withComments: true,
        withAttachments: true,
        customFields: issueCustomFields(config),
        maxResults: ISSUE_PAGE,
      },
    );
    items.push(...page.items);
    after = page.items.at(-1)?.issue.id ?? after;
    // No token: Jira has nothing after this page, so no empty page is asked for (and paced) later.
    if (page.nextPageToken === undefined || page.items.length < ISSUE_PAGE) return { items, next: after, last: true };
  }
  return { items, next: after, last: false };
}

/** The page's issues sorted: to create, linked but unfinished, linked and owing comments; each one's comments. */
interface SortedPage {
  todo: JiraIssue[];
  comments: Map<string, JiraComment[]>;
  owed: PairLink[];
  unfinished: { issue: JiraIssue; link: PairLink }[];
  alreadyLinked: number;
}

async function sortPage(ctx: SyncContext, items: JiraSearchItem[], result: ChunkResult): Promise<SortedPage> {
  const sorted: SortedPage = { todo: [], comments: new Map(), owed: [], unfinished: [], alreadyLinked: 0 };
  for (const item of items) {
    const link = await ctx.links.byIssue(item.issue.id);
    if (link) {
      sorted.alreadyLinked += 1;
      if (!(await ctx.states.get(link.taskId, link.issueId))) sorted.unfinished.push({ issue: item.issue, link });
      if (item.comments?.length && (await stillOwesComments(ctx.kv, 'jira', item.issue.id))) sorted.owed.push(link);
    } else if (markerOf(item.properties) !== null) {
      // Created from a task by an earlier attempt that died before linking: the single path links it by marker.
      await handOver(ctx, { issueId: item.issue.id }, result);
    } else if (!(await ctx.links.wasUnlinked('jira', item.issue.id))) sorted.todo.push(item.issue);
    if (item.comments?.length) sorted.comments.set(item.issue.id, item.comments);
  }
  return sorted;
}

export async function jiraPage(
  ctx: SyncContext,
  config: SyncConfig,
  cursor: string | null,
  runKey: string,
): Promise<PageWork> {
  const page = await searchPages(ctx, config, cursor, runKey);
  const result = emptyResult();
  const sorted = await sortPage(ctx, page.items, result);
  // Before any task is made: an older run's task may already name an issue of this page in its XML_ID.
  const scan = sorted.todo.length > 0 ? await scanTaskMarks(ctx, config, runKey) : { listCommands: 0 };
  const marked = await pairByTaskMarks(ctx, config, sorted.todo, runKey);
  result.handedOver += marked.paired.length;
  const todo = marked.rest;
  const { comments } = sorted;
  const unfinished = [...sorted.unfinished, ...marked.paired];
  await owesComments(
    ctx.kv,
    'jira',
    todo.filter((i) => comments.has(i.id)).map((i) => i.id),
  );
  for (const chunk of chunks(unfinished)) await finishLinkedIssues(ctx, config, chunk, result);
  const created: PairLink[] = [];
  for (const chunk of chunks(todo))
    created.push(...(await tasksFromIssues(ctx, config, chunk, result, runKey)).map((c) => c.link));
  const commentCount = await copyPageComments(ctx, sorted, created);
  await copyPageFiles(ctx, config, page.items, [...unfinished.map((u) => u.link), ...created]);
  const spend: PageSpend = {
    b24Commands: {
      'tasks.task.add': todo.length,
      'task.commentitem.add': commentCount,
      'tasks.task.list': scan.listCommands,
    },
    b24Requests: ctx.calls().b24,
    jiraPoints: ctx.calls().jira + page.items.length,
    events: todo.length + commentCount,
  };
  return {
    spend,
    listed: page.items.length,
    alreadyLinked: sorted.alreadyLinked,
    next: page.next,
    last: page.last,
    result,
  };
}

/** Comments of the whole page together: fewer batches than one per chunk. Returns how many were copied. */
async function copyPageComments(
  ctx: SyncContext,
  { owed, comments }: SortedPage,
  created: PairLink[],
): Promise<number> {
  const copy = [...owed, ...created].filter((l) => comments.has(l.issueId));
  await copyIssueComments(
    ctx,
    copy.map((link) => ({ link, comments: comments.get(link.issueId) ?? [] })),
  );
  await commentsCopied(
    ctx.kv,
    'jira',
    copy.map((l) => l.issueId),
  );
  return copy.reduce((n, l) => n + (comments.get(l.issueId)?.length ?? 0), 0);
}

/** The files of the issues this page finished or made a task for. */
async function copyPageFiles(
  ctx: SyncContext,
  config: SyncConfig,
  items: JiraSearchItem[],
  links: PairLink[],
): Promise<void> {
  const files = new Map(items.flatMap((i) => (i.attachments?.length ? [[i.issue.id, i.attachments] as const] : [])));
  await copyIssueAttachments(
    ctx,
    config,
    links.flatMap((link) => {
      const attachments = files.get(link.issueId);
      return attachments ? [{ link, attachments }] : [];
    }),
  );
}
