/** Loading the task a method names, with the errors tasks.task.* answer when it is missing or out of reach. */
import type { CallContext } from '../context';
import { B24Error } from '../envelope';
import { asText, param, type Params } from '../params';
import type { TaskRecord } from '../state';

export const notAllowed = (): B24Error => new B24Error('0', 'Action on the task is not allowed (internal error)');

export function taskIdOf(params: Params, name = 'taskId', position?: number): number {
  const raw = param(params, name, position);
  if (raw === undefined || raw === null || raw === '') {
    throw new B24Error('100', 'CTaskItem All parameters in the constructor must have real class type (internal error)');
  }
  const text = asText(raw) ?? '';
  if (!/^\d+$/.test(text)) throw new B24Error('0', 'wrong task id');
  return Number(text);
}

/** The task if the caller may see it; otherwise undefined (get answers `result: []`, writes refuse). */
export function visibleTask(ctx: CallContext, id: number): TaskRecord | undefined {
  const task = ctx.state.tasks.get(id);
  return task && ctx.state.canSee(task, ctx.actor.userId) ? task : undefined;
}

export function writableTask(ctx: CallContext, params: Params): TaskRecord {
  const task = visibleTask(ctx, taskIdOf(params));
  if (!task) throw notAllowed();
  return task;
}

export function touch(ctx: CallContext, task: TaskRecord): void {
  task.changedBy = ctx.actor.userId;
  task.changedDate = ctx.now;
}
