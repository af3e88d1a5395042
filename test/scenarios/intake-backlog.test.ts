/**
 * Events the sync queue refuses at intake are kept, not lost: with Forge's push rate exhausted, a Bitrix24 edit and
 * a Jira edit made in the same minute as others still reach the other side, at the next five-minute tick.
 */
import { actions, createWorld, pairedTask, PEOPLE } from './harness';

const kept = (keys: string[]): string[] => keys.filter((k) => k.startsWith('intake-backlog:'));

describe('an event the sync queue refuses at intake', () => {
  it('is kept and pushed again by the five-minute tick, on both sides', async () => {
    // One push a minute: the burst below has one event through and the next ones refused.
    const w = await createWorld({ limits: { queueEventsPerMinute: 1 } });
    const a = actions(w);
    const first = await pairedTask(w);
    w.clock.advance(61_000);
    const second = await pairedTask(w);
    w.clock.advance(61_000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
      taskId: first.taskId,
      fields: { TITLE: 'First, renamed in Bitrix24' },
    });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
      taskId: second.taskId,
      fields: { TITLE: 'Second, renamed in Bitrix24' },
    });
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${first.issueId}`, {
      fields: { description: null, summary: 'First, renamed in Jira' },
    });
    await w.platform.settle({ advanceMs: 1000 });
    expect(kept(w.platform.kvs.keys()).length).toBeGreaterThan(0);

    await w.platform.settle({ advanceMs: 15 * 60_000 });

    expect(kept(w.platform.kvs.keys())).toEqual([]);
    expect((await a.issueOfTask(second.taskId)).fields.summary).toBe('Second, renamed in Bitrix24');
    expect((await a.b24Task(first.taskId)).title).toBe((await a.issueOfTask(first.taskId)).fields.summary);
  });
});
