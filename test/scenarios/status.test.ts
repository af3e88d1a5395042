/**
 * Every row of the default status table works in its directions — Jira only through legal
 * transitions (hop by hop where there is no direct one), Bitrix24 through its action methods with TASK_CONTROL —
 * and an unreachable status ends in a journal entry, not a retry loop.
 */
import type { JiraWorkflow } from '../../src/local/contracts';
import { defaultSeed } from '../../src/local/seed';
import { PEOPLE, actions, createWorld, pairedTask } from './harness';

describe('Bitrix24 status → Jira status', () => {
  it.each([
    ['start', 'In Progress'],
    ['defer', 'On Hold'],
    ['complete', 'Done'],
  ])('tasks.task.%s moves the issue to %s through legal transitions', async (action, jiraStatus) => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    if (action !== 'start') {
      await w.b24(PEOPLE.chloe.b24, 'tasks.task.start', { taskId });
      await w.settle();
    }
    await w.b24(PEOPLE.ben.b24, `tasks.task.${action}`, { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe(jiraStatus);
  });

  it('pending → completed walks To Do → … → Done although Jira has no direct transition', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.complete', { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('Done');
    expect(w.platform.stats().jira.byEndpoint['POST /rest/api/3/issue/{id}/transitions']).toBeGreaterThanOrEqual(2);
  });

  it('awaiting control (TASK_CONTROL) shows as In Review, and approval completes it', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w, { TASK_CONTROL: 'Y' });
    await w.b24(PEOPLE.chloe.b24, 'tasks.task.start', { taskId });
    await w.b24(PEOPLE.chloe.b24, 'tasks.task.complete', { taskId });
    await w.settle();
    expect((await actions(w).b24Task(taskId)).status).toBe('4');
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('In Review');
    await w.b24(PEOPLE.ben.b24, 'tasks.task.approve', { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('Done');
  });
});

describe('Jira status → Bitrix24 status', () => {
  it.each([
    [['In Progress'], '3'],
    [['In Progress', 'On Hold'], '6'],
    [['In Progress', 'Done'], '5'],
  ])('moving the issue through %j sets the task to %s', async (path, b24Status) => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    for (const status of path) await actions(w).transitionIssue(PEOPLE.chloe.email, issueId, status);
    await w.settle();
    expect((await actions(w).b24Task(taskId)).status).toBe(b24Status);
  });

  it('QA Testing, a Jira-only status, is written to the task field and keeps the task in progress', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const a = actions(w);
    await a.transitionIssue(PEOPLE.chloe.email, issueId, 'In Progress');
    await a.transitionIssue(PEOPLE.chloe.email, issueId, 'In Review');
    await a.transitionIssue(PEOPLE.chloe.email, issueId, 'QA Testing');
    await w.settle();
    const task = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', {
      taskId,
      select: ['ID', 'STATUS', 'UF_JIRA_STATUS'],
    })) as { task: { status: string; ufJiraStatus: string } };
    expect(task.task.status).toBe('3');
    expect(task.task.ufJiraStatus).toBe('QA Testing');
  });
});

describe('an unreachable status', () => {
  it('ends in one journal entry explaining why, and no retry loop', async () => {
    const seed = defaultSeed();
    const strict: JiraWorkflow = {
      initialStatusId: '1',
      statuses: [
        { id: '1', name: 'To Do', category: 'new' },
        { id: '2', name: 'In Progress', category: 'indeterminate' },
        { id: '3', name: 'Done', category: 'done' },
      ],
      // Done is reachable only with a resolution on the transition screen.
      transitions: [
        { id: '11', name: 'Start', from: ['1'], to: '2' },
        { id: '21', name: 'Finish', from: ['2'], to: '3', requiredFields: ['resolution'] },
      ],
    };
    seed.jira.projects = seed.jira.projects.map((p) => ({ ...p, workflow: strict }));
    const w = await createWorld({ seed });
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.complete', { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('In Progress');
    const warnings = actions(w)
      .journal()
      .filter((e) => e.outcome === 'warning' && (e.message ?? '').includes('resolution'));
    expect(warnings).toHaveLength(1);
    w.platform.resetStats();
    await w.settle();
    expect(w.platform.stats().jira.reads + w.platform.stats().jira.writes).toBe(0);
  });
});
