/**
 * Each mapped field changed on either side reaches the other, only the changed field is
 * written, and after the sync a second settle makes no REST call at all.
 */
import { actions, adfText, createWorld, PEOPLE, type World } from './harness';

async function pairedWorld(): Promise<{ w: World; a: ReturnType<typeof actions>; taskId: string; issueId: string }> {
  const w = await createWorld();
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, {
    TITLE: 'Original title',
    RESPONSIBLE_ID: PEOPLE.chloe.b24,
    PRIORITY: '1',
  });
  await w.settle();
  const issueId = a.linkOfTask(taskId)?.issueId ?? '';
  w.platform.resetStats();
  return { w, a, taskId, issueId };
}

async function expectQuietSecondSettle(w: World): Promise<void> {
  w.platform.resetStats();
  await w.settle();
  const stats = w.platform.stats();
  expect(stats.jira.reads + stats.jira.writes + stats.b24.reads + stats.b24.writes).toBe(0);
}

describe('a field changed in Bitrix24', () => {
  it.each([
    ['TITLE', 'New title', (i: { fields: { summary: string } }) => i.fields.summary, 'New title'],
    ['PRIORITY', '2', (i: { fields: { priority: { name: string } | null } }) => i.fields.priority?.name, 'High'],
    [
      'RESPONSIBLE_ID',
      PEOPLE.dmitri.b24,
      (i: { fields: { assignee: { accountId: string } | null } }) => i.fields.assignee?.accountId,
      PEOPLE.dmitri.accountId,
    ],
    [
      'DEADLINE',
      '2026-12-24T10:00:00+01:00',
      (i: { fields: { duedate: string | null } }) => i.fields.duedate,
      '2026-12-24',
    ],
  ])('%s reaches Jira with one write and no echo', async (field, value, read, expected) => {
    const { w, a, taskId, issueId } = await pairedWorld();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { [field]: value } });
    await w.settle();
    expect(read((await a.issue(issueId)) as never)).toBe(expected);
    const stats = w.platform.stats();
    expect(stats.jira.writes).toBe(1);
    expect(stats.jira.byEndpoint['PUT /rest/api/3/issue/{id}']).toBe(1);
    expect(stats.b24.writes).toBe(0);
    await expectQuietSecondSettle(w);
  });

  it('a description in BBCode arrives as valid ADF', async () => {
    const { w, a, taskId, issueId } = await pairedWorld();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
      taskId,
      fields: { DESCRIPTION: '[I]Steps[/I]: [URL=https://example.com]open[/URL]' },
    });
    await w.settle();
    expect(JSON.stringify((await a.issue(issueId)).fields.description)).toContain('https://example.com');
    await expectQuietSecondSettle(w);
  });
});

describe('a field changed in Jira', () => {
  it.each([
    [{ summary: 'Renamed in Jira' }, (t: { title: string }) => t.title, 'Renamed in Jira'],
    [{ priority: { name: 'Low' } }, (t: { priority: string }) => t.priority, '0'],
    [
      { assignee: { accountId: PEOPLE.ben.accountId } },
      (t: { responsibleId: string }) => t.responsibleId,
      PEOPLE.ben.b24,
    ],
    [{ duedate: '2026-12-31' }, (t: { deadline: string | null }) => t.deadline, '2026-12-31T18:00:00+01:00'],
    [{ description: adfText('Written in Jira') }, (t: { description: string }) => t.description, 'Written in Jira'],
  ])('%j reaches Bitrix24 with one write and no echo loop', async (fields, read, expected) => {
    const { w, a, taskId, issueId } = await pairedWorld();
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields });
    await w.settle();
    expect(read((await a.b24Task(taskId)) as never)).toBe(expected);
    const stats = w.platform.stats();
    expect(stats.b24.writes).toBe(1);
    expect(stats.b24.byMethod['tasks.task.update']).toBe(1);
    expect(stats.jira.writes).toBe(0);
    await expectQuietSecondSettle(w);
  });
});

describe('people who exist on one side only', () => {
  it('never clear the assignee: the field is left as it was and the journal names the person', async () => {
    const { w, a, taskId, issueId } = await pairedWorld();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { RESPONSIBLE_ID: PEOPLE.farid.b24 } });
    await w.settle();
    expect((await a.issue(issueId)).fields.assignee?.accountId).toBe(PEOPLE.chloe.accountId);
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(a.journal().some((e) => e.outcome === 'warning' && (e.message ?? '').includes('Farid Haddad'))).toBe(true);
  });
});
