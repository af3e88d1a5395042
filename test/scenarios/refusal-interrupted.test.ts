/**
 * Model seed 29: a value the target refuses is settled (left as it is, not retried) and must be journalled as
 * refused. When a later step of the same sync fails for a while (a 429/503), the retry finishes the sync: the
 * refusal must still reach its journal record, or a person's edit is dropped without a word.
 */
import { actions, createWorld, pairedTask, PEOPLE, type World } from './harness';

const REASON = 'The value was refused by a validator.';

/** Jira refuses the app's next edit of the issue (400 naming `description`), once. */
function refuseNextDescription(w: World): { left: () => number } {
  const jira = w.platform.jira;
  const handle = jira.handle.bind(jira);
  let left = 1;
  jira.handle = async (request, caller) => {
    if (
      caller &&
      left > 0 &&
      request.method === 'PUT' &&
      /\/rest\/api\/3\/issue\/[^/]+$/.test(new URL(request.url).pathname)
    ) {
      left -= 1;
      return new Response(JSON.stringify({ errorMessages: [], errors: { description: REASON } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    return handle(request, caller);
  };
  return { left: () => left };
}

/** Bitrix24 answers the app's next `tasks.task.update` with 503 QUERY_LIMIT_EXCEEDED, `times` times. */
function limitTaskUpdates(w: World, times: number): { left: () => number } {
  const b24 = w.platform.b24;
  const handle = b24.handle.bind(b24);
  let left = times;
  b24.handle = async (request, caller) => {
    if (left > 0 && request.url.includes('tasks.task.update') && !request.url.includes(`/rest/${PEOPLE.ben.b24}/`)) {
      left -= 1;
      return new Response(JSON.stringify({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }), {
        status: 503,
      });
    }
    return handle(request, caller);
  };
  return { left: () => left };
}

describe('a refusal followed by a step that fails for a while', () => {
  it('journals the refused field when the retry completes the sync', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    // Hold every event so one job hears of both edits: Bitrix24's description, then Jira's priority.
    w.platform.setFaults({ seed: 1, delayEvents: 1 });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { DESCRIPTION: 'Edited in Bitrix24' } });
    w.clock.advance(1_000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { priority: { name: 'High' } } });
    w.platform.setFaults({});
    const refusing = refuseNextDescription(w);
    const limited = limitTaskUpdates(w, 1);
    await w.settle();
    expect([refusing.left(), limited.left()]).toEqual([0, 0]);

    // The priority arrived; the description stayed where Jira refused it, and the journal says so.
    expect((await a.b24Task(taskId)).priority).toBe('2');
    expect(JSON.stringify((await a.issue(issueId)).fields.description)).not.toContain('Edited in Bitrix24');
    const syncs = a.journal().filter((e) => e.operation === 'sync' && e.taskId === taskId);
    expect(syncs).toEqual([
      expect.objectContaining({
        fields: ['priority'],
        refused: ['description'],
        outcome: 'warning',
        message: expect.stringContaining(REASON),
      }),
    ]);
  });
});
