/**
 * After the app writes one field to a side, a person's edit of another field there, moments
 * later, is the person's and syncs. The write intent covers every synced field, so the side is our echo only
 * while it reads exactly as our write left it, and a matched intent is consumed.
 */
import { actions, createWorld, pairedTask, PEOPLE } from './harness';

describe('an edit right after the app wrote to the same side', () => {
  it('a Bitrix24 deadline set a minute after a Jira summary edit reached Bitrix24 reaches Jira', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Renamed in Jira' } });
    await w.settle();
    expect((await actions(w).b24Task(taskId)).title).toBe('Renamed in Jira');

    w.clock.advance(60_000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { DEADLINE: '2026-12-18T18:00:00+01:00' } });
    await w.settle();
    const issue = await actions(w).issue(issueId);
    expect(issue.fields.duedate).toBe('2026-12-18');
    expect(issue.fields.summary).toBe('Renamed in Jira');
  });

  it('a Jira priority set right after a Bitrix24 title reached Jira reaches Bitrix24', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed in Bitrix24' } });
    await w.settle();
    w.clock.advance(30_000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { priority: { name: 'High' } } });
    await w.settle();
    const task = await actions(w).b24Task(taskId);
    expect([task.title, task.priority]).toEqual(['Renamed in Bitrix24', '2']);
  });

  it('an intent is used up by the echo it recognised: a later read is judged against the last sync', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Renamed in Jira' } });
    await w.settle();
    expect(w.platform.kvs.keys().filter((k: string) => k.startsWith(`intent:b24:${taskId}`))).toEqual([]);
  });
});
