/**
 * A sync that fails part-way (Jira's fields written, then a later step refused for a while)
 * must not, on retry, take its own Jira write for a person's edit: that write made Jira's `updated` the latest,
 * which would hand Jira a conflict it never had and revert a person's newer Bitrix24 edit. The stored base says
 * what was written after every step, and a decision not yet carried out is kept.
 */
import { actions, createWorld, pairedTask, PEOPLE, type World } from './harness';

/** Jira answers the app's transition calls with 503 `times` times (a step failing after the fields landed). */
function failTransitions(w: World, times: number): { left: () => number } {
  const jira = w.platform.jira;
  const handle = jira.handle.bind(jira);
  let left = times;
  jira.handle = async (request, caller) => {
    if (caller && left > 0 && request.method === 'POST' && new URL(request.url).pathname.endsWith('/transitions')) {
      left -= 1;
      return new Response(JSON.stringify({ errorMessages: ['Service Unavailable'], errors: {} }), {
        status: 503,
        headers: { 'retry-after': '1' },
      });
    }
    return handle(request, caller);
  };
  return { left: () => left };
}

describe('a sync interrupted after its first step', () => {
  it("keeps the newer Bitrix24 status when Jira's transition failed after Jira's fields were written", async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const a = actions(w);
    // Hold every event so the app hears of both sides' edits in one job.
    w.platform.setFaults({ seed: 1, delayEvents: 1 });
    await a.transitionIssue(PEOPLE.chloe.email, issueId, 'In Progress');
    w.clock.advance(5_000);
    // Later, in Bitrix24: the task is deferred and renamed.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.defer', { taskId });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed in Bitrix24' } });
    w.platform.setFaults({});
    const failing = failTransitions(w, 2);
    await w.settle();
    expect(failing.left()).toBe(0);

    const [task, issue] = [await a.b24Task(taskId), await a.issue(issueId)];
    // Bitrix24's edits are the newer ones: both reach Jira, and the task is not put back to Jira's status.
    expect(task.status).toBe('6');
    expect(task.title).toBe('Renamed in Bitrix24');
    expect(issue.fields.summary).toBe('Renamed in Bitrix24');
    expect(issue.fields.status.name).toBe('On Hold');
    const conflicts = a.journal().filter((e) => e.message?.includes('Conflict on status'));
    expect(conflicts.map((e) => e.message)).toEqual([expect.stringContaining('Bitrix24 wins')]);
  });
});
