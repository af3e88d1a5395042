/**
 * Writing a plan's changes to Bitrix24: one tasks.task.update, then the status through the action methods,
 * which respect TASK_CONTROL (completing lands on "awaiting control" until the creator approves).
 */
import { planB24StatusActions } from '../../core/mapping/b24-status-actions';
import type { B24Write } from '../../core/mapping/to-side';
import type { B24Task } from '../../core/remote/b24';
import type { B24TaskAction, B24TaskFieldsInput } from '../../ports/b24';
import type { SyncContext } from '../sync-context';

export interface B24StatusOutcome {
  reached: string;
  blocked?: string;
  note?: string;
}

export async function moveTaskTo(ctx: SyncContext, task: B24Task, target: string, actingUserId: string | undefined): Promise<B24StatusOutcome> {
  const plan = planB24StatusActions(task.status, target, task.taskControl, actingUserId !== undefined && actingUserId === task.createdBy);
  if (!plan.ok) return { reached: task.status, blocked: plan.message };
  for (const action of plan.actions) {
    await ctx.b24.runTaskAction(task.id, action.replace('tasks.task.', '') as B24TaskAction);
  }
  return { reached: plan.finalStatus, ...(plan.note ? { note: plan.note } : {}) };
}

export async function applyToB24(ctx: SyncContext, task: B24Task, write: B24Write, actingUserId: string | undefined): Promise<B24StatusOutcome | null> {
  if (Object.keys(write.fields).length > 0) await ctx.b24.updateTask(task.id, write.fields as B24TaskFieldsInput);
  if (write.status === null) return null;
  return moveTaskTo(ctx, task, write.status, actingUserId);
}
