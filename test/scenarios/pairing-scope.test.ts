/**
 * Issue 10, item 8 at the sync level: a linked task outside the project's workgroup (moved out, or linked before
 * links were checked) is neither overwritten from Jira nor copied into Jira; the journal says why.
 */
import { actions, createWorld, pairedTask, PEOPLE } from './harness';

describe('a linked task outside the paired workgroup', () => {
  it('is not overwritten by a Jira edit and does not overwrite the issue', async () => {
    const w = await createWorld();
    w.platform.seed.b24.groups.push({ id: '2', name: 'Board of directors' });
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { GROUP_ID: '2', TITLE: 'Board: salaries 2027' } });
    await w.settle();
    expect((await a.issue(issueId)).fields.summary).toBe('Shared work');
    await w.jira(PEOPLE.ben.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Overwrite the board task' } });
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe('Board: salaries 2027');
    const held = a.journal().filter((e) => e.operation === 'held-back');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((e) => e.outcome === 'skipped' && /not in the Bitrix24 workgroup 1 paired with project DEMO/.test(e.message ?? ''))).toBe(true);
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });
});
