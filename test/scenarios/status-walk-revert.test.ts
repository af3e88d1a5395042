/**
 * Model seed 14: a status walk stopped part-way, then undone by its author. Jira has no direct To Do → On Hold
 * transition, so a deferred task's issue walks To Do → In Progress → On Hold. When the second hop fails (429,
 * 503) the stored base must keep "Bitrix24 changed" for the retry; if the person meanwhile reopens the task (back
 * to To Do, the value the pair last agreed on), the retry must still bring Jira back from the In Progress our own
 * first hop left, not take the pair for settled with the two sides on different statuses.
 */
import { actions, createWorld, pairedTask, PEOPLE, type World } from './harness';

/** Jira answers the app's `nth` transition call (1-based) with 503, once: a walk stopped after its earlier hops. */
function failNthTransition(w: World, nth: number): { failed: () => boolean } {
  const jira = w.platform.jira;
  const handle = jira.handle.bind(jira);
  let seen = 0;
  jira.handle = async (request, caller) => {
    if (caller && request.method === 'POST' && new URL(request.url).pathname.endsWith('/transitions')) {
      seen += 1;
      if (seen === nth)
        return new Response(JSON.stringify({ errorMessages: ['Service Unavailable'], errors: {} }), {
          status: 503,
          headers: { 'retry-after': '30' },
        });
    }
    return handle(request, caller);
  };
  return { failed: () => seen >= nth };
}

describe('a status walk interrupted part-way', () => {
  it('brings Jira back to the status the person returned the task to', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const a = actions(w);
    const failing = failNthTransition(w, 2);

    await w.b24(PEOPLE.ben.b24, 'tasks.task.defer', { taskId });
    // Only what is due now: the first hop lands, the second fails and its retry waits.
    await w.platform.settle({ horizonMs: 0 });
    expect(failing.failed()).toBe(true);
    expect((await a.issue(issueId)).fields.status.name).toBe('In Progress');

    w.clock.advance(5_000);
    // Renew resumes only a completed task (tasks-task-renew.md): a person reopens a deferred one by start and pause.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.start', { taskId });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.pause', { taskId });
    await w.settle();

    expect((await a.b24Task(taskId)).status).toBe('2');
    expect((await a.issue(issueId)).fields.status.name).toBe('To Do');
  });

  it('still finishes the walk when the person leaves the task where they put it', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    failNthTransition(w, 2);

    await w.b24(PEOPLE.ben.b24, 'tasks.task.defer', { taskId });
    await w.settle();

    expect((await actions(w).b24Task(taskId)).status).toBe('6');
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('On Hold');
  });
});
