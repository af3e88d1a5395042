import { planB24StatusActions } from '../../../src/core/mapping/b24-status-actions';
import { planJiraTransition } from '../../../src/core/mapping/jira-transitions';
import type { JiraStatusRef, JiraTransition } from '../../../src/core/remote/jira';

const S: Record<string, JiraStatusRef> = {
  todo: { id: '1', name: 'To Do', statusCategory: { key: 'new' } },
  progress: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate' } },
  review: { id: '4', name: 'In Review', statusCategory: { key: 'indeterminate' } },
  hold: { id: '6', name: 'On Hold', statusCategory: { key: 'indeterminate' } },
  done: { id: '5', name: 'Done', statusCategory: { key: 'done' } },
};

function t(name: string, to: JiraStatusRef, requiredFields: string[] = []): JiraTransition {
  return { id: `t-${to.id}`, name, to, requiredFields };
}

/**
 * Like the emulated site's default workflow: no To Do → Done shortcut, and On Hold a dead end off In Progress.
 * Transitions are listed in Jira's ops-bar order.
 */
const WORKFLOW: Record<string, JiraTransition[]> = {
  'To Do': [t('Start', S.progress!)],
  'In Progress': [t('Back', S.todo!), t('Review', S.review!), t('Hold', S.hold!)],
  'In Review': [t('Reject', S.progress!), t('Approve', S.done!)],
  'On Hold': [t('Resume', S.progress!)],
  Done: [t('Reopen', S.todo!)],
};

/** Walks the workflow as the app would: one hop, re-read, ask again. */
function walk(
  from: JiraStatusRef,
  target: string,
  maxHops = 5,
  workflow = WORKFLOW,
): { path: string[]; outcome: string } {
  let current = from;
  const visited = [from.name];
  for (;;) {
    const step = planJiraTransition(current, workflow[current.name] ?? [], { name: target }, visited, maxHops);
    if (step.kind === 'arrived') return { path: visited, outcome: 'arrived' };
    if (step.kind === 'blocked') return { path: visited, outcome: step.message };
    current = step.transition.to;
    visited.push(current.name);
  }
}

describe('planJiraTransition', () => {
  it('takes the direct transition when there is one', () => {
    const step = planJiraTransition(S.todo!, WORKFLOW['To Do']!, { name: 'In Progress' }, ['To Do'], 5);
    expect(step).toEqual({ kind: 'transition', transition: WORKFLOW['To Do']![0], direct: true });
  });

  it('says it has arrived when the issue is already there', () => {
    expect(planJiraTransition(S.done!, [], { name: 'done' }, ['Done'], 5)).toEqual({ kind: 'arrived' });
  });

  it('walks To Do → Done hop by hop when there is no direct transition', () => {
    expect(walk(S.todo!, 'Done')).toEqual({ path: ['To Do', 'In Progress', 'In Review', 'Done'], outcome: 'arrived' });
  });

  it('finds its way out of a dead end through a status it passed, without taking a transition twice', () => {
    const holdFirst = { ...WORKFLOW, 'In Progress': [t('Back', S.todo!), t('Hold', S.hold!), t('Review', S.review!)] };
    expect(walk(S.todo!, 'Done', 6, holdFirst)).toEqual({
      path: ['To Do', 'In Progress', 'On Hold', 'In Progress', 'In Review', 'Done'],
      outcome: 'arrived',
    });
  });

  it('reaches a dead-end status from Done through Reopen', () => {
    expect(walk(S.done!, 'On Hold')).toEqual({ path: ['Done', 'To Do', 'In Progress', 'On Hold'], outcome: 'arrived' });
  });

  it('walks back toward the new category too', () => {
    expect(walk(S.review!, 'To Do')).toEqual({ path: ['In Review', 'In Progress', 'To Do'], outcome: 'arrived' });
  });

  it("prefers a detour toward the target's category when it is known, else Jira's order", () => {
    const offered = [t('Back', S.todo!), t('Review', S.review!)];
    const toward = planJiraTransition(S.progress!, offered, { name: 'Done', categoryKey: 'done' }, ['In Progress'], 5);
    const unknown = planJiraTransition(S.progress!, offered, { name: 'Done' }, ['In Progress'], 5);
    expect(toward.kind === 'transition' && toward.transition.name).toBe('Review');
    expect(unknown.kind === 'transition' && unknown.transition.name).toBe('Back');
  });

  it('matches the target by id when one is known', () => {
    const step = planJiraTransition(S.todo!, WORKFLOW['To Do']!, { name: 'Doing (renamed)', id: '3' }, ['To Do'], 5);
    expect(step.kind === 'transition' && step.direct).toBe(true);
  });

  it('stops with a reason when the hop budget is spent', () => {
    expect(walk(S.todo!, 'Done', 1).outcome).toBe(
      'Gave up moving the issue to "Done" after 1 transitions; it is in "In Progress".',
    );
  });

  it('explains a transition whose screen needs a field instead of trying it', () => {
    const step = planJiraTransition(
      S.review!,
      [t('Approve', S.done!, ['resolution'])],
      { name: 'Done' },
      ['In Review'],
      5,
    );
    expect(step).toEqual({
      kind: 'blocked',
      reason: 'needs-fields',
      message:
        'Transition "Approve" from "In Review" to "Done" needs resolution on its screen; the sync cannot fill them, so move the issue by hand.',
      code: 'status.needsFields',
      params: { transition: 'Approve', from: 'In Review', to: 'Done', fields: 'resolution' },
    });
  });

  it('says a target is unreachable instead of looping when every way out was taken', () => {
    const step = planJiraTransition(
      S.hold!,
      WORKFLOW['On Hold']!,
      { name: 'Archived' },
      ['On Hold', 'In Progress', 'On Hold'],
      5,
    );
    expect(step).toEqual({
      kind: 'blocked',
      reason: 'unreachable',
      message:
        'Status "Archived" is unreachable from "On Hold": the workflow offers "In Progress", every one already taken on this walk.',
      code: 'status.unreachable',
      params: { target: 'Archived', current: 'On Hold', offered: '"In Progress"' },
    });
  });

  it('ends a walk to a status the workflow lacks without taking any transition twice', () => {
    const { path, outcome } = walk(S.todo!, 'Archived', 50);
    const edges = path.slice(1).map((to, i) => `${path[i]}→${to}`);
    expect(new Set(edges).size).toBe(edges.length);
    expect(outcome).toMatch(/unreachable/);
  });
});

describe('planB24StatusActions', () => {
  it.each([
    ['2', '3', ['tasks.task.start']],
    ['3', '2', ['tasks.task.pause']],
    ['2', '6', ['tasks.task.defer']],
    ['6', '3', ['tasks.task.start']],
    // Renew resumes only a completed task (tasks-task-renew.md): a deferred one is started, then paused.
    ['6', '2', ['tasks.task.start', 'tasks.task.pause']],
    ['3', '5', ['tasks.task.complete']],
    ['5', '2', ['tasks.task.renew']],
    ['5', '3', ['tasks.task.renew', 'tasks.task.start']],
    ['5', '6', ['tasks.task.renew', 'tasks.task.defer']],
    ['4', '5', ['tasks.task.approve']],
    ['4', '2', ['tasks.task.disapprove']],
    ['4', '3', ['tasks.task.disapprove', 'tasks.task.start']],
    ['1', '2', ['tasks.task.start', 'tasks.task.pause']],
  ])('moves a task from %s to %s by %j', (from, to, actions) => {
    expect(planB24StatusActions(from, to, 'N', true)).toEqual({ ok: true, actions, finalStatus: to });
  });

  it('does nothing when the task is already there', () => {
    expect(planB24StatusActions('3', '3', 'Y', false)).toEqual({ ok: true, actions: [], finalStatus: '3' });
  });

  it('tells that complete lands on awaiting control under TASK_CONTROL when the actor is not the creator', () => {
    expect(planB24StatusActions('3', '5', 'Y', false)).toEqual({
      ok: true,
      actions: ['tasks.task.complete'],
      finalStatus: '4',
      note: "TASK_CONTROL is on: the task awaits its creator's approval (status 4) before it is completed.",
    });
  });

  it('completes outright under TASK_CONTROL when the actor is the creator', () => {
    expect(planB24StatusActions('3', '5', 'Y', true)).toEqual({
      ok: true,
      actions: ['tasks.task.complete'],
      finalStatus: '5',
    });
  });

  it('cannot move a task awaiting control unless the actor is the creator', () => {
    expect(planB24StatusActions('4', '5', 'Y', false)).toEqual({
      ok: false,
      message: "The task awaits its creator's approval; only the creator can move it to status 5.",
      code: 'status.awaitsCreator',
      params: { target: '5' },
    });
  });

  it('cannot set awaiting control on demand', () => {
    expect(planB24StatusActions('3', '4', 'N', true)).toEqual({
      ok: false,
      message:
        'Status 4 (awaiting control) is reached only when an assignee completes a task under TASK_CONTROL; the sync cannot set it.',
      code: 'status.controlOnly',
      params: {},
    });
  });

  it('reaches awaiting control when completing as a non-creator under TASK_CONTROL', () => {
    expect(planB24StatusActions('3', '4', 'Y', false)).toEqual({
      ok: true,
      actions: ['tasks.task.complete'],
      finalStatus: '4',
    });
  });
});

describe("planB24StatusActions with the task's action flags", () => {
  it('defers through "in progress" when the portal does not allow deferring a pending task', () => {
    expect(planB24StatusActions('2', '6', 'N', true, { defer: false })).toEqual({
      ok: true,
      actions: ['tasks.task.start', 'tasks.task.defer'],
      finalStatus: '6',
    });
  });

  it('leaves a declined task (7) alone: renew resumes only a completed one, and nothing else leaves 7', () => {
    expect(planB24StatusActions('7', '2', 'N', true)).toMatchObject({ ok: false, code: 'status.cannotLeave' });
  });

  it('keeps the one-step move when the flags allow it or say nothing', () => {
    expect(planB24StatusActions('2', '6', 'N', true, { defer: true })).toMatchObject({ actions: ['tasks.task.defer'] });
    expect(planB24StatusActions('5', '2', 'N', true, { renew: true })).toMatchObject({ actions: ['tasks.task.renew'] });
  });
});
