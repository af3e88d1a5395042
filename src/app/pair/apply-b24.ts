/**
 * Moving a task to a status through the action methods (the plan's steps are run by apply-plan.ts), which respect
 * TASK_CONTROL (completing lands on "awaiting control" until the creator approves).
 */
import { planB24StatusActions, type B24StatusAction } from '../../core/mapping/b24-status-actions';
import type { B24Task } from '../../core/remote/b24';
import type { B24TaskAction } from '../../ports/b24';
import type { SyncContext } from '../sync-context';
import { note, type JournalNote } from '../store/journal-notes';

/** Where an action leaves the task (the last action's landing is the plan's, TASK_CONTROL included). */
const LANDS_ON: Partial<Record<B24StatusAction, string>> = {
  'tasks.task.start': '3', 'tasks.task.pause': '2', 'tasks.task.defer': '6', 'tasks.task.renew': '2',
  'tasks.task.approve': '5', 'tasks.task.disapprove': '2', 'tasks.task.complete': '5',
};

export interface B24StatusOutcome {
  reached: string;
  blocked?: JournalNote;
  note?: JournalNote;
}

/** `onAction`: told the status each action leaves, so a sequence cut short by a failure is remembered as far as it got. */
export async function moveTaskTo(ctx: SyncContext, task: B24Task, target: string, actingUserId: string | undefined, onAction?: (status: string) => Promise<void>): Promise<B24StatusOutcome> {
  const plan = planB24StatusActions(task.status, target, task.taskControl, actingUserId !== undefined && actingUserId === task.createdBy);
  if (!plan.ok) return { reached: task.status, blocked: { code: plan.code, params: plan.params, message: plan.message } };
  for (const [index, action] of plan.actions.entries()) {
    await ctx.b24.runTaskAction(task.id, action.replace('tasks.task.', '') as B24TaskAction);
    if (onAction) await onAction(index === plan.actions.length - 1 ? plan.finalStatus : (LANDS_ON[action] ?? task.status));
  }
  return { reached: plan.finalStatus, ...(plan.note ? { note: note('status.taskControl', {}, plan.note) } : {}) };
}
