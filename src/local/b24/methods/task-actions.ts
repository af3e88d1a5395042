/**
 * Status actions. TASK_CONTROL=Y makes the assignee's complete land on 4 (awaiting control) until the creator
 * approves (→ 5) or disapproves (→ 2); an action the task's state or the caller's role forbids is refused.
 */
import type { CallContext, MethodSpec, MethodTable } from '../context';
import type { Params } from '../params';
import type { TaskRecord } from '../state';
import { allowedActions, renderTask } from '../task-render';
import { notAllowed, touch, writableTask } from './task-access';

type Action = 'start' | 'pause' | 'complete' | 'defer' | 'renew' | 'approve' | 'disapprove';

function target(task: TaskRecord, action: Action, actorId: number): number {
  switch (action) {
    case 'start':
      return 3;
    case 'pause':
      return 2;
    case 'complete':
      return task.taskControl === 'Y' && actorId !== task.createdBy ? 4 : 5;
    case 'defer':
      return 6;
    case 'renew':
    case 'disapprove':
      return 2;
    case 'approve':
      return 5;
  }
}

function act(action: Action): MethodSpec {
  return {
    scope: 'task',
    write: true,
    run(ctx: CallContext, params: Params) {
      const task = writableTask(ctx, params);
      const admin = ctx.state.user(ctx.actor.userId)?.admin === true;
      if (!allowedActions(task, ctx.actor.userId, admin)[action]) throw notAllowed();
      const status = target(task, action, ctx.actor.userId);
      task.status = status;
      task.statusChangedBy = ctx.actor.userId;
      task.statusChangedDate = ctx.now;
      if (action === 'start') task.dateStart = ctx.now;
      task.closedBy = status === 4 || status === 5 ? ctx.actor.userId : null;
      task.closedDate = status === 4 || status === 5 ? ctx.now : null;
      touch(ctx, task);
      ctx.events.emit({ event: 'ONTASKUPDATE', taskId: task.id }, ctx.actor.userId);
      return { result: { task: renderTask(task, ctx) } };
    },
  };
}

export const taskActionMethods: MethodTable = Object.fromEntries(
  (['start', 'pause', 'complete', 'defer', 'renew', 'approve', 'disapprove'] as const).map((a) => [
    `tasks.task.${a}`,
    act(a),
  ]),
);
