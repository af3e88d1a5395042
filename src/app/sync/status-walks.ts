/**
 * The status walks, used by the plan's status steps and by creation, deletion and the migration. Jira only offers
 * the transitions available from the current status, so an issue moves hop by hop; a task moves through the action
 * methods, which respect TASK_CONTROL (completing lands on "awaiting control" until the creator approves).
 */
import { planB24StatusActions, type B24StatusAction } from '../../core/mapping/b24-status-actions';
import { planJiraTransition } from '../../core/mapping/jira-transitions';
import type { B24Task } from '../../core/remote/b24';
import type { JiraStatusRef } from '../../core/remote/jira';
import type { B24TaskAction } from '../../ports/b24';
import { note, type JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';

export const MAX_TRANSITION_HOPS = 6;

export interface StatusOutcome {
  /** The status the issue is in afterwards. */
  reached: JiraStatusRef;
  /** Why the target was not reached, in words for the journal. */
  blocked?: JournalNote;
  hops: number;
}

/** `onHop`: told where each transition landed, so a walk cut short by a failure is remembered as far as it got. */
export async function moveIssueTo(
  ctx: SyncContext,
  issueId: string,
  from: JiraStatusRef,
  targetName: string,
  onHop?: (at: JiraStatusRef) => Promise<void>,
): Promise<StatusOutcome> {
  let current = from;
  const visited = [from.name];
  if (from.name.trim().toLowerCase() === targetName.trim().toLowerCase()) return { reached: from, hops: 0 };
  for (;;) {
    const transitions = await ctx.jira.getTransitions(issueId);
    const step = planJiraTransition(current, transitions, { name: targetName }, visited, MAX_TRANSITION_HOPS);
    if (step.kind === 'arrived') return { reached: current, hops: visited.length - 1 };
    if (step.kind === 'blocked')
      return {
        reached: current,
        blocked: { code: step.code, params: step.params, message: step.message },
        hops: visited.length - 1,
      };
    await ctx.jira.doTransition(issueId, step.transition.id);
    current = step.transition.to;
    visited.push(current.name);
    await onHop?.(current);
    // The transition names where it lands: no need to read the transitions again just to learn we arrived.
    if (current.name.trim().toLowerCase() === targetName.trim().toLowerCase())
      return { reached: current, hops: visited.length - 1 };
  }
}

/** Where an action leaves the task (the last action's landing is the plan's, TASK_CONTROL included). */
const LANDS_ON: Partial<Record<B24StatusAction, string>> = {
  'tasks.task.start': '3',
  'tasks.task.pause': '2',
  'tasks.task.defer': '6',
  'tasks.task.renew': '2',
  'tasks.task.approve': '5',
  'tasks.task.disapprove': '2',
  'tasks.task.complete': '5',
};

export interface B24StatusOutcome {
  reached: string;
  blocked?: JournalNote;
  note?: JournalNote;
}

/** `onAction`: told the status each action leaves, so a sequence cut short by a failure is remembered as far as it got. */
export async function moveTaskTo(
  ctx: SyncContext,
  task: B24Task,
  target: string,
  actingUserId: string | undefined,
  onAction?: (status: string) => Promise<void>,
): Promise<B24StatusOutcome> {
  const plan = planB24StatusActions(
    task.status,
    target,
    task.taskControl,
    actingUserId !== undefined && actingUserId === task.createdBy,
  );
  if (!plan.ok)
    return { reached: task.status, blocked: { code: plan.code, params: plan.params, message: plan.message } };
  for (const [index, action] of plan.actions.entries()) {
    await ctx.b24.runTaskAction(task.id, action.replace('tasks.task.', '') as B24TaskAction);
    if (onAction)
      await onAction(index === plan.actions.length - 1 ? plan.finalStatus : (LANDS_ON[action] ?? task.status));
  }
  return { reached: plan.finalStatus, ...(plan.note ? { note: note('status.taskControl', {}, plan.note) } : {}) };
}
