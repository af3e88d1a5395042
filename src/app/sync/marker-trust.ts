/**
 * Links are the truth; markers are hints. A marker (an issue's `b24-sync` property naming a task) is taken only to
 * restore a link the app's own storage lost, and only when each of these holds: it carries the app's seal; the
 * task it names is linked to nothing else (or already to this very issue); neither entity is held apart (a person
 * unlinked it, or a delete dissolved its pair); and both are in the pair's scope (the task in the paired
 * workgroup, the issue in the paired project). Any other marker is ignored, and the journal says which and why.
 */
import type { SyncConfig } from '../../core/config';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import { note, sentencesOf, type JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { ISSUE_PROPERTY, isSealed, parseMarker, type IssueMarker } from './marker-seal';
import { taskUserFields } from './read-sides';

/**
 * `take`: pair with the marked task. `ignore`: treat the issue as unmarked (it gets a task of its own). `hold`:
 * neither pair nor create: the marker may be a lost link an older app wrote, or a person's claim, and only a
 * person can tell (linking the task, or "Create task").
 */
export type MarkerVerdict = { action: 'take'; task: B24Task } | { action: 'ignore' | 'hold'; why?: JournalNote };

const names = (issue: JiraIssue, taskId: string): { task: string; issue: string } => ({
  task: taskId,
  issue: issue.key,
});

/** `asked`: a person's "Create task" for this issue; a marker that vouches for nothing then gives way to it. */
export async function judgeIssueMarker(
  ctx: SyncContext,
  issue: JiraIssue,
  marker: IssueMarker,
  config: SyncConfig,
  asked: boolean,
): Promise<MarkerVerdict> {
  const { taskId } = marker;
  const n = names(issue, taskId);
  const other = await ctx.links.byTask(taskId);
  if (other && other.issueId !== issue.id) {
    return {
      action: 'ignore',
      why: note(
        'marker.linkedElsewhere',
        { ...n, other: other.issueKey },
        `Issue ${issue.key} carries a marker naming task ${taskId}, which is linked to ${other.issueKey}: the marker was ignored.`,
      ),
    };
  }
  if (await ctx.links.heldApart('b24', taskId)) {
    return {
      action: 'ignore',
      why: note(
        'marker.heldApart',
        n,
        `Issue ${issue.key} carries a marker naming task ${taskId}, which was unlinked: the marker was ignored.`,
      ),
    };
  }
  const task = await ctx.b24.getTask(taskId, { userFields: taskUserFields(config) });
  // The marker outlives its task: a pair whose task was deleted (and handled) is not linked again.
  if (!task) return { action: 'hold' };
  if (task.groupId !== config.b24GroupId) {
    return {
      action: 'ignore',
      why: note(
        'marker.outsideScope',
        { ...n, group: task.groupId, project: config.projectKey },
        `Issue ${issue.key} carries a marker naming task ${taskId}, which is in workgroup ${task.groupId}, not the one paired with ${config.projectKey}: the marker was ignored.`,
      ),
    };
  }
  // A half-saved link (the task's side names this issue) is the app's own record; otherwise only the seal vouches.
  if (!other && !(await isSealed(ctx.deps, marker))) {
    const why = note(
      'marker.unbound',
      n,
      `Issue ${issue.key} carries a marker naming task ${taskId} that the app did not write: nothing was paired. Link the task in the issue panel, or use "Create task".`,
    );
    return { action: asked ? 'ignore' : 'hold', why };
  }
  if (!other && (await sealedElsewhere(ctx, issue, marker))) {
    const why = note(
      'marker.ambiguous',
      n,
      `Issue ${issue.key} carries a marker naming task ${taskId}, and so does another issue: nothing was paired. Link the task to the right issue in the issue panel.`,
    );
    return { action: asked ? 'ignore' : 'hold', why };
  }
  return { action: 'take', task };
}

/**
 * A sealed marker can be copied (the seal cannot name the issue, see marker-seal.ts): when another issue carries one
 * for the same task, only a person can tell which is the app's. One search, on the rare path of a lost link only.
 */
async function sealedElsewhere(ctx: SyncContext, issue: JiraIssue, marker: IssueMarker): Promise<boolean> {
  const page = await ctx.jira.searchIssues(`issue.property[${ISSUE_PROPERTY}].taskId = "${marker.taskId}"`, {
    properties: [ISSUE_PROPERTY],
    maxResults: 10,
  });
  for (const item of page.items) {
    if (item.issue.id === issue.id) continue;
    const found = parseMarker(item.properties[ISSUE_PROPERTY]);
    if (found?.taskId === marker.taskId && (await isSealed(ctx.deps, found))) return true;
  }
  return false;
}

/**
 * The issue an unlinked task's marker restores it to, among those search found carrying it: sealed, in the pair's
 * project, and neither linked to another task nor held apart. The others are journalled.
 */
export async function restorableIssue(
  ctx: SyncContext,
  taskId: string,
  config: SyncConfig,
  found: { issue: JiraIssue; marker: IssueMarker | null }[],
): Promise<string | undefined> {
  for (const { issue, marker } of found) {
    if (marker?.taskId !== taskId) continue;
    const n = names(issue, taskId);
    const linked = await ctx.links.byIssue(issue.id);
    let why: JournalNote | undefined;
    if (linked && linked.taskId !== taskId)
      why = note(
        'marker.issueLinkedElsewhere',
        { ...n, other: linked.taskId },
        `Issue ${issue.key} carries a marker naming task ${taskId}, but it is linked to task ${linked.taskId}: the marker was ignored.`,
      );
    else if (issue.fields.project.key !== config.projectKey)
      why = note(
        'marker.otherProject',
        { ...n, project: config.projectKey },
        `Issue ${issue.key} carries a marker naming task ${taskId}, but it is not in project ${config.projectKey}: the marker was ignored.`,
      );
    else if (!linked && (await ctx.links.heldApart('jira', issue.id)))
      why = note(
        'marker.heldApart',
        n,
        `Issue ${issue.key} carries a marker naming task ${taskId}, which was unlinked: the marker was ignored.`,
      );
    else if (!linked && !(await isSealed(ctx.deps, marker)))
      why = note(
        'marker.unboundIgnored',
        n,
        `Issue ${issue.key} carries a marker naming task ${taskId} that the app did not write: the marker was ignored.`,
      );
    if (!why) return issue.id;
    await journalIgnored(ctx, config, { taskId, issueId: issue.id, issueKey: issue.key }, why);
  }
  return undefined;
}

export async function journalIgnored(
  ctx: SyncContext,
  config: SyncConfig,
  ids: { taskId: string; issueId: string; issueKey: string },
  why: JournalNote,
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: config.projectKey,
    direction: 'none',
    operation: 'link',
    ...ids,
    fields: [],
    outcome: 'skipped',
    message: sentencesOf([why]),
    notes: [why],
    calls: ctx.calls(),
  });
}
