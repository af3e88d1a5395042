/**
 * A task created in Bitrix24 yields exactly one Jira issue with every mapped field, and an issue
 * created in Jira yields exactly one task.
 */
import { validateAdf } from '../../src/local/adf-validator';
import { actions, adfText, createWorld, PEOPLE } from './harness';

describe('creating a task in Bitrix24', () => {
  it('creates exactly one issue carrying every mapped field', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, {
      TITLE: 'Prepare the release notes',
      DESCRIPTION: 'Collect [B]all[/B] changes\n[LIST][*]API[*]UI[/LIST]',
      RESPONSIBLE_ID: PEOPLE.chloe.b24,
      // 00:30 in Berlin on the 24th is the 23rd in UTC: the due date must stay the 24th.
      DEADLINE: '2026-11-24T00:30:00+01:00',
      PRIORITY: '2',
    });
    await w.settle();

    const issues = await a.issuesInProject();
    expect(issues).toHaveLength(1);
    const issue = await a.issueOfTask(taskId);
    expect(issue.fields.summary).toBe('Prepare the release notes');
    expect(issue.fields.assignee?.accountId).toBe(PEOPLE.chloe.accountId);
    expect(issue.fields.reporter?.accountId).toBe(PEOPLE.ben.accountId);
    expect(issue.fields.duedate).toBe('2026-11-24');
    expect(issue.fields.priority?.name).toBe('High');
    expect(issue.fields.status.name).toBe('To Do');
    expect(validateAdf(issue.fields.description)).toEqual([]);
    expect(JSON.stringify(issue.fields.description)).toContain('bulletList');
  });

  it('reaches the mapped status through transitions when the task is already in progress', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Started work', RESPONSIBLE_ID: PEOPLE.ben.b24 });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.start', { taskId });
    await w.settle();
    expect((await a.issueOfTask(taskId)).fields.status.name).toBe('In Progress');
    expect(await a.issuesInProject()).toHaveLength(1);
  });

  it('ignores tasks outside the paired workgroup', async () => {
    const w = await createWorld();
    const a = actions(w);
    await a.createTask(PEOPLE.ben.b24, { TITLE: 'Personal to-do', GROUP_ID: '0' });
    await w.settle();
    expect(await a.issuesInProject()).toHaveLength(0);
  });
});

describe('creating an issue in Jira', () => {
  it('creates exactly one task carrying every mapped field and the issue id in XML_ID', async () => {
    const w = await createWorld();
    const a = actions(w);
    const created = await a.createIssue(PEOPLE.dmitri.email, {
      summary: 'Fix the login page',
      description: adfText('The button is misaligned'),
      assignee: { accountId: PEOPLE.dmitri.accountId },
      duedate: '2026-12-01',
      priority: { name: 'Highest' },
    });
    await w.settle();

    const tasks = await a.tasksInGroup();
    expect(tasks).toHaveLength(1);
    const task = await a.taskOfIssue(created.id);
    expect(task.title).toBe('Fix the login page');
    expect(task.description).toContain('The button is misaligned');
    expect(task.responsibleId).toBe(PEOPLE.dmitri.b24);
    expect(task.priority).toBe('2');
    expect(task.xmlId).toBe(created.id);
    // The configured end of day (18:00) in the portal's zone, with its explicit offset.
    expect(task.deadline).toBe('2026-12-01T18:00:00+01:00');
    expect(task.groupId).toBe('1');
  });

  it('gives an issue assigned to someone with no Bitrix24 account to the integration user, and says so', async () => {
    const w = await createWorld();
    const a = actions(w);
    const created = await a.createIssue(PEOPLE.anna.email, {
      summary: 'Review contract',
      assignee: { accountId: PEOPLE.erin.accountId },
    });
    await w.settle();
    const task = await a.taskOfIssue(created.id);
    expect(task.responsibleId).toBe(PEOPLE.anna.b24);
    const entry = a.journal().find((e) => e.operation === 'create');
    expect(entry?.outcome).toBe('warning');
    expect(entry?.message).toContain('Erin Walsh');
  });
});
