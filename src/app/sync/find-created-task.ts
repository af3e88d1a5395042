/**
 * The task an earlier attempt created for an issue, found by its marker. `XML_ID` is not a documented
 * tasks.task.list filter (a portal may ignore it and answer every task), so the list is narrowed by documented
 * filters only — the pair's workgroup, the creator the app writes as, and tasks created since the app sent its add
 * (a task made for it cannot be older) — and the marker is compared in the reply. Newest first: a retry's twin is
 * among the latest tasks. A task linked to another issue is never the one: XML_ID is anyone's to write.
 */
import type { SyncConfig } from '../../core/config';
import type { JiraIssue } from '../../core/remote/jira';
import { b24FilterDate } from '../../core/remote/queries';
import type { SyncContext } from '../sync-context';

/** Bitrix24 and Jira stamp times with their own clocks; the window opens a little early to absorb the skew. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** 250 tasks created in the workgroup since the issue; a retry comes minutes after its attempt, not that late. */
const MAX_PAGES = 5;

export async function findTaskCreatedFor(
  ctx: SyncContext,
  issue: JiraIssue,
  config: SyncConfig,
  createdBy: string | undefined,
  sentAt: number,
): Promise<string | null> {
  const filter: Record<string, string> = {
    GROUP_ID: config.b24GroupId,
    ...(createdBy === undefined ? {} : { CREATED_BY: createdBy }),
  };
  filter['>=CREATED_DATE'] = b24FilterDate(sentAt - CLOCK_SKEW_MS);
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { tasks, next } = await ctx.b24.listTasks({ filter, order: { ID: 'desc' }, start });
    for (const task of tasks.filter((t) => t.xmlId === issue.id)) {
      const link = await ctx.links.byTask(task.id);
      if (!link || link.issueId === issue.id) return task.id;
    }
    if (next === undefined) return null;
    start = next;
  }
  return null;
}
