/**
 * Pairing by the `XML_ID` marks of an older run: a task the app made for an issue carries that issue's id in
 * `XML_ID`, and when the run died before linking (or its records expired) the mark is all that is left. Jira goes
 * first and Bitrix24 cannot filter by `XML_ID` (tasks-task-list.md documents no such filter), so before the first
 * Jira page creates tasks, the run lists the workgroup's tasks once, 2,500 a `batch`, and notes each unlinked one
 * whose `XML_ID` names an issue. A page then pairs an unlinked issue with the one task naming it instead of
 * creating a second.
 *
 * A person who can edit a task can write its `XML_ID`, so the mark is a hint, taken only within what
 * marker-trust.ts allows an unsealed hint: both entities are in the pair's scope (the workgroup listed, the
 * project searched), neither is linked, neither is held apart (a person unlinked it, or a delete dissolved its
 * pair), and exactly one task names the issue. When two do, nothing is paired or created and the journal says so.
 * At worst a person's mark pairs two entities nobody had paired, in the same pairing, which a person can unlink.
 */
import type { SyncConfig } from '../../core/config';
import type { JiraIssue } from '../../core/remote/jira';
import { note } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { journalIgnored } from '../sync/marker-trust';
import { taskUserFields } from '../sync/read-sides';

/** Pages per scan batch: Bitrix24's 50 commands, of 50 tasks each. */
const SCAN_PAGES = 50;
const TASKS_PER_PAGE = 50;
const MARK_TTL_SECONDS = 30 * 24 * 3600;

const safe = (part: string): string => part.replace(/[^a-zA-Z0-9._-]/g, '_');
const markKey = (runKey: string, issueId: string): string => `mxml:${safe(runKey)}:${safe(issueId)}`;
const scannedKey = (runKey: string): string => `mxml:${safe(runKey)}`;

export interface ScanSpend {
  listCommands: number;
}

/** Lists the workgroup once per run and notes the unlinked tasks whose `XML_ID` names an issue. */
export async function scanTaskMarks(ctx: SyncContext, config: SyncConfig, runKey: string): Promise<ScanSpend> {
  if ((await ctx.kv.get(scannedKey(runKey))) !== undefined) return { listCommands: 0 };
  const named = new Map<string, string[]>();
  let after = '0';
  let listCommands = 0;
  for (;;) {
    const { pages } = await ctx.b24.listTaskPages({
      filter: { GROUP_ID: config.b24GroupId, '>ID': after },
      order: { ID: 'asc' },
      userFields: taskUserFields(config),
      starts: Array.from({ length: SCAN_PAGES }, (_, i) => i * TASKS_PER_PAGE),
    });
    listCommands += SCAN_PAGES;
    const tasks = pages.flat();
    for (const task of tasks) {
      if (task.xmlId === null || !/^\d{1,18}$/.test(task.xmlId)) continue;
      if ((await ctx.links.byTask(task.id)) || (await ctx.links.heldApart('b24', task.id))) continue;
      named.set(task.xmlId, [...(named.get(task.xmlId) ?? []), task.id]);
    }
    after = tasks.at(-1)?.id ?? after;
    if (tasks.length < SCAN_PAGES * TASKS_PER_PAGE) break;
  }
  for (const [issueId, taskIds] of named)
    await ctx.kv.set(markKey(runKey, issueId), taskIds, { ttlSeconds: MARK_TTL_SECONDS });
  await ctx.kv.set(scannedKey(runKey), ctx.now(), { ttlSeconds: MARK_TTL_SECONDS });
  return { listCommands };
}

/** The tasks the scan found naming this issue. */
async function namingTasks(ctx: SyncContext, runKey: string, issueId: string): Promise<string[]> {
  const stored: unknown = await ctx.kv.get(markKey(runKey, issueId));
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

/** Whether the scan found several tasks naming the issue: each of them waits for a person, as the issue does. */
export async function heldByMarks(ctx: SyncContext, runKey: string, issueId: string): Promise<boolean> {
  return (await namingTasks(ctx, runKey, issueId)).length > 1;
}

/**
 * Splits unlinked issues into those a task's mark pairs now (linked here; their states are still to be recorded),
 * those held because two tasks name them, and the rest, which get tasks of their own.
 */
export async function pairByTaskMarks(
  ctx: SyncContext,
  config: SyncConfig,
  issues: JiraIssue[],
  runKey: string,
): Promise<{ paired: { issue: JiraIssue; link: PairLink }[]; rest: JiraIssue[] }> {
  const paired: { issue: JiraIssue; link: PairLink }[] = [];
  const rest: JiraIssue[] = [];
  for (const issue of issues) {
    const candidates: string[] = [];
    for (const taskId of await namingTasks(ctx, runKey, issue.id))
      if (!(await ctx.links.byTask(taskId)) && !(await ctx.links.heldApart('b24', taskId))) candidates.push(taskId);
    const [taskId, ...others] = candidates;
    if (taskId === undefined || (await ctx.links.heldApart('jira', issue.id))) {
      rest.push(issue);
    } else if (others.length > 0) {
      const why = note(
        'marker.tasksAmbiguous',
        { issue: issue.key, tasks: candidates.join(', ') },
        `Tasks ${candidates.join(', ')} each carry an XML_ID naming issue ${issue.key}: nothing was paired. Link the right task in the issue panel.`,
      );
      await journalIgnored(ctx, config, { taskId, issueId: issue.id, issueKey: issue.key }, why);
    } else {
      const link: PairLink = {
        taskId,
        issueId: issue.id,
        issueKey: issue.key,
        projectKey: config.projectKey,
        linkedAt: ctx.now(),
      };
      await ctx.links.save(link);
      paired.push({ issue, link });
    }
  }
  return { paired, rest };
}
