/**
 * The action methods that take a B24 task from one status to another. Legal moves (the task's `action` flags):
 * start 1/2/6 → 3, pause 3 → 2, defer 1/2/3 → 6, complete 1/2/3/6 → 5 (→ 4 when TASK_CONTROL is on and the
 * actor is not the creator), renew 5 → 2 (tasks-task-renew.md: "renews a task after it has been completed"),
 * approve and disapprove 4 → 5 / 2 by the creator only. A deferred task reopens by start and pause; a declined one
 * (7) has no documented way out. The deprecated task.item.* pages are stricter (defer only from 3); when the task's own
 * `action` flags say a one-step move is not allowed, the two-step route through status 3 is taken instead.
 */
import type { B24YesNo } from '../remote/b24';

export type B24StatusAction =
  | 'tasks.task.start'
  | 'tasks.task.pause'
  | 'tasks.task.complete'
  | 'tasks.task.defer'
  | 'tasks.task.renew'
  | 'tasks.task.approve'
  | 'tasks.task.disapprove';

export type B24StatusPlan =
  | { ok: true; actions: B24StatusAction[]; /** where the task ends up */ finalStatus: string; note?: string }
  | {
      ok: false;
      message: string;
      /** the journal's message code (`notes.<code>`) */ code:
        'status.awaitsCreator' | 'status.cannotLeave' | 'status.controlOnly' | 'status.notSettable';
      params: Record<string, string>;
    };

const OPEN = ['1', '2', '3', '6'];

/** Actions from a status where the task is open (1/2/3/6) or 2 after reopening. */
function fromOpen(current: string, target: string, completeLandsOn: string): B24StatusAction[] | null {
  switch (target) {
    case '2':
      return current === '3'
        ? ['tasks.task.pause']
        : current === '6' || current === '1'
          ? ['tasks.task.start', 'tasks.task.pause']
          : [];
    case '3':
      return current === '3' ? [] : ['tasks.task.start'];
    case '6':
      return current === '6' ? [] : ['tasks.task.defer'];
    case '5':
      return ['tasks.task.complete'];
    case '4':
      return completeLandsOn === '4' ? ['tasks.task.complete'] : null;
    default:
      return null;
  }
}

/** The task's `action` flags as tasks.task.get returns them for the caller, e.g. { defer: false }. */
export type B24ActionFlags = Partial<
  Record<'start' | 'pause' | 'complete' | 'defer' | 'renew' | 'approve' | 'disapprove', boolean>
>;

/** Two-step routes through "in progress" for the one-step moves some portals refuse. */
const DETOURS: Partial<Record<B24StatusAction, B24StatusAction[]>> = {
  'tasks.task.defer': ['tasks.task.start', 'tasks.task.defer'],
};

export function planB24StatusActions(
  current: string,
  target: string,
  taskControl: B24YesNo,
  actorIsCreator: boolean,
  allowed: B24ActionFlags = {},
): B24StatusPlan {
  const plan = planActions(current, target, taskControl, actorIsCreator);
  const first = plan.ok ? plan.actions[0] : undefined;
  if (!plan.ok || first === undefined || allowed[first.replace('tasks.task.', '') as keyof B24ActionFlags] !== false)
    return plan;
  // A completed task cannot be started, so renew has no detour.
  const detour = DETOURS[first];
  return detour ? { ...plan, actions: [...detour, ...plan.actions.slice(1)] } : plan;
}

function planActions(current: string, target: string, taskControl: B24YesNo, actorIsCreator: boolean): B24StatusPlan {
  if (current === target) return { ok: true, actions: [], finalStatus: current };
  const completeLandsOn = taskControl === 'Y' && !actorIsCreator ? '4' : '5';
  let prefix: B24StatusAction[] = [];
  let from = current;
  if (current === '4') {
    if (!actorIsCreator)
      return {
        ok: false,
        message: `The task awaits its creator's approval; only the creator can move it to status ${target}.`,
        code: 'status.awaitsCreator',
        params: { target },
      };
    if (target === '5') return { ok: true, actions: ['tasks.task.approve'], finalStatus: '5' };
    prefix = ['tasks.task.disapprove'];
    from = '2';
  } else if (current === '5') {
    prefix = ['tasks.task.renew'];
    from = '2';
  } else if (!OPEN.includes(current)) {
    return {
      ok: false,
      message: `Bitrix24 status ${current} is not one the sync knows how to leave.`,
      code: 'status.cannotLeave',
      params: { status: current },
    };
  }
  const rest = fromOpen(from, target, completeLandsOn);
  if (rest === null) {
    return target === '4'
      ? {
          ok: false,
          message:
            'Status 4 (awaiting control) is reached only when an assignee completes a task under TASK_CONTROL; the sync cannot set it.',
          code: 'status.controlOnly',
          params: {},
        }
      : {
          ok: false,
          message: `Bitrix24 status ${target} cannot be set through the action methods.`,
          code: 'status.notSettable',
          params: { status: target },
        };
  }
  const actions = [...prefix, ...rest];
  const finalStatus = rest.includes('tasks.task.complete') ? completeLandsOn : target;
  return finalStatus === target
    ? { ok: true, actions, finalStatus }
    : {
        ok: true,
        actions,
        finalStatus,
        note: "TASK_CONTROL is on: the task awaits its creator's approval (status 4) before it is completed.",
      };
}
