/**
 * A Bitrix24 page of the migration: ten `tasks.task.list` pages in one batch (500 tasks, with their comment
 * counts), each unpaired task given an issue through `/issue/bulk` (50 a call, the marker property in the create),
 * then the comments of the tasks that have any.
 */
import type { SyncConfig } from '../../core/config';
import type { B24Task } from '../../core/remote/b24';
import { taskUserFields } from '../sync/read-sides';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { emptyResult, firstCreatedIssue, handOver } from './chunk';
import { copyTaskAttachments } from './copy-attachments';
import { copyTaskComments } from './copy-comments';
import { finishLinked, issuesFromTasks } from './issues-from-tasks';
import { heldByMarks } from './task-marks';
import type { PageSpend } from './page-pacing';
import { chunks, LIST_PAGES_PER_BATCH, TASK_PAGE, type PageWork } from './page-work';
import { commentsCopied, owesComments, stillOwesComments } from './pending-comments';

export async function b24Page(
  ctx: SyncContext,
  config: SyncConfig,
  cursor: string | null,
  runKey: string,
): Promise<PageWork> {
  const first = await firstCreatedIssue(ctx, runKey, 'b24');
  const { pages, commentCounts } = await ctx.b24.listTaskPages({
    filter: { GROUP_ID: config.b24GroupId, '>ID': cursor ?? '0', ...(first === null ? {} : { '<ID': String(first) }) },
    order: { ID: 'asc' },
    userFields: taskUserFields(config),
    starts: Array.from({ length: LIST_PAGES_PER_BATCH }, (_, i) => i * TASK_PAGE),
  });
  const tasks = pages.flat();
  const result = emptyResult();
  const todo: B24Task[] = [];
  const owed: PairLink[] = [];
  const unfinished: { task: B24Task; link: PairLink }[] = [];
  for (const task of tasks) {
    const link = await ctx.links.byTask(task.id);
    // A task a person unlinked stays unpaired: the migration pairs only what nobody has decided on.
    if (!link) {
      if (await ctx.links.wasUnlinked('b24', task.id)) continue;
      // XML_ID naming an issue nobody paired: an older run's mark, the Jira page did not take. The single path
      // weighs it against the issue's own marker before creating anything (create-or-link.ts).
      if (task.xmlId !== null && /^\d{1,18}$/.test(task.xmlId) && !(await ctx.links.byIssue(task.xmlId))) {
        if (!(await heldByMarks(ctx, runKey, task.xmlId))) await handOver(ctx, { taskId: task.id }, result);
      } else todo.push(task);
    } else {
      if (!(await ctx.states.get(task.id, link.issueId))) unfinished.push({ task, link });
      if (commentCounts.has(task.id) && (await stillOwesComments(ctx.kv, 'b24', task.id))) owed.push(link);
    }
  }
  for (const chunk of chunks(unfinished)) await finishLinked(ctx, config, chunk, result);
  await owesComments(
    ctx.kv,
    'b24',
    todo.filter((t) => commentCounts.has(t.id)).map((t) => t.id),
  );
  const links = [...owed];
  for (const chunk of chunks(todo)) links.push(...(await issuesFromTasks(ctx, config, chunk, result, runKey)));
  await copyTaskComments(ctx, links, commentCounts);
  await commentsCopied(
    ctx.kv,
    'b24',
    links.filter((l) => commentCounts.has(l.taskId)).map((l) => l.taskId),
  );
  // Files of every pair this page made or finished (and of those still owed comments): the file links skip copies.
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const withFiles = [...unfinished.map((u) => u.link), ...links].flatMap((link) => {
    const task = byId.get(link.taskId);
    return task?.attachmentIds?.length ? [{ link, task }] : [];
  });
  await copyTaskAttachments(ctx, config, withFiles);
  // The XML_ID marks' events are announced (echo.ts) and screened where they arrive: none reaches the queue.
  const spend: PageSpend = {
    b24Commands: { 'tasks.task.update': todo.length, 'tasks.task.list': LIST_PAGES_PER_BATCH },
    b24Requests: ctx.calls().b24,
    jiraPoints: ctx.calls().jira + 2 * todo.length,
    events: 0,
  };
  const last = tasks.length < LIST_PAGES_PER_BATCH * TASK_PAGE;
  return {
    spend,
    listed: tasks.length,
    alreadyLinked: tasks.length - todo.length,
    next: tasks.at(-1)?.id ?? cursor,
    last,
    result,
  };
}
