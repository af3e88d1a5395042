/**
 * Concurrent edits of different fields on both sides both survive; the same field changed on both sides follows its
 * policy (default: the later change wins) and appears in the journal. "Later" is compared at whole seconds, with a
 * tie to Bitrix24: Bitrix24 keeps seconds and Jira milliseconds, so a finer comparison would always favour Jira.
 */
import { PEOPLE, actions, concurrentTitleEdits, createWorld, pairedTask } from './harness';

describe('edits on both sides before the app hears of either', () => {
  it('to different fields: both survive on both sides', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.clock.advance(1000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Title from Bitrix24' } });
    w.clock.advance(1000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { priority: { name: 'High' } } });
    await w.settle();
    const a = actions(w);
    const [task, issue] = [await a.b24Task(taskId), await a.issue(issueId)];
    expect([task.title, issue.fields.summary]).toEqual(['Title from Bitrix24', 'Title from Bitrix24']);
    expect([task.priority, issue.fields.priority?.name]).toEqual(['2', 'High']);
    expect(a.journal().some((e) => e.outcome === 'conflict')).toBe(false);
  });

  it('to the same field: the later change wins on both sides and the conflict is journalled', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await concurrentTitleEdits(w, { taskId, issueId });
    const a = actions(w);
    expect((await a.b24Task(taskId)).title).toBe('Later, from Jira');
    expect((await a.issue(issueId)).fields.summary).toBe('Later, from Jira');
    const conflict = a.journal().find((e) => e.outcome === 'conflict');
    expect(conflict?.message).toContain('Conflict on title');
    expect(conflict?.message).toContain('Jira wins');
  });
});

describe('a conflict within one second', () => {
  it("goes to Bitrix24 even though Jira's edit is later by its milliseconds", async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 2, delayEvents: 1 });
    // Both edits fall in the same whole second: Bitrix24's at .100, Jira's at .900.
    w.clock.advance(1000 - (w.clock.now() % 1000) + 100);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Bitrix24, same second' } });
    w.clock.advance(800);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: 'Jira, same second' },
    });
    await w.settle();
    w.platform.setFaults({});
    const a = actions(w);
    expect((await a.issue(issueId)).fields.summary).toBe('Bitrix24, same second');
    expect((await a.b24Task(taskId)).title).toBe('Bitrix24, same second');
    expect(a.journal().find((e) => e.outcome === 'conflict')?.message).toContain('Bitrix24 wins');
  });
});
