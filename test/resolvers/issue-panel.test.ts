/**
 * The issue panel's backend: link an existing task by id or URL, show it with its last sync, sync now, unlink,
 * and create in Bitrix24 for an unlinked issue of a paired project.
 */
import { keys } from '../../src/app/store/keys';
import { parseTaskReference } from '../../src/app/admin/issue-panel';
import { createResolverWorld, type ResolverWorld } from './world';

async function newIssue(world: ResolverWorld): Promise<{ id: string; key: string }> {
  const created = await world.jira('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Checkout fails on Safari' },
  });
  return { id: String(created.id), key: String(created.key) };
}

async function newTask(world: ResolverWorld): Promise<string> {
  const result = (await world.b24('tasks.task.add', {
    fields: { TITLE: 'Fix checkout', RESPONSIBLE_ID: 2, GROUP_ID: 1, DEADLINE: '2026-12-01T18:00:00+01:00' },
  })) as { task: { id: string | number } };
  return String(result.task.id);
}

describe('the issue panel', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it('offers Create in Bitrix24 for an unlinked issue of a paired project, and queues only the issue', async () => {
    const issue = await newIssue(world);
    expect(await world.issue('chloe', 'getLinkedTask', issue)).toMatchObject({
      linked: false,
      projectPaired: true,
      recent: [],
    });
    expect(await world.issue('chloe', 'createInB24', issue)).toEqual({ queued: true });
  });

  it('links a task by its URL and shows title, status, responsible, deadline and a portal link', async () => {
    const issue = await newIssue(world);
    const taskId = await newTask(world);
    const url = `https://sandbox.bitrix24.com/workgroups/group/1/tasks/task/view/${taskId}/`;
    expect(await world.issue('chloe', 'linkTask', issue, { task: url })).toMatchObject({
      link: { taskId, issueId: issue.id, issueKey: issue.key },
    });
    const panel = await world.issue('chloe', 'getLinkedTask', issue);
    expect(panel).toMatchObject({
      linked: true,
      task: { id: taskId, title: 'Fix checkout', status: '2', responsible: 'Ben Carter', url },
    });
    expect(String((panel.task as { deadline: string }).deadline)).toMatch(/^2026-12-01/);
    expect(await world.issue('chloe', 'syncNow', issue)).toEqual({ queued: true });
    expect(await world.issue('chloe', 'createInB24', issue)).toEqual({
      error: 'This issue is already linked to a Bitrix24 task.',
      code: 'panel.alreadyLinked',
      params: {},
    });
  });

  it('shows the last sync and the last journal entries of this issue only', async () => {
    const issue = await newIssue(world);
    const entry = (id: string, at: number, issueId: string, outcome = 'synced') => ({
      id,
      at,
      projectKey: 'DEMO',
      direction: 'b24-to-jira',
      operation: 'fields',
      issueId,
      fields: ['title'],
      outcome,
    });
    world = await createResolverWorld({
      seed: async ({ kvs }) => {
        for (const e of [entry('a', 1000, issue.id), entry('b', 2000, issue.id, 'failed'), entry('c', 3000, '99999')])
          await kvs.set(keys.journalEntry('DEMO', e.at, e.id), e);
      },
    });
    const issueAgain = await newIssue(world);
    expect(issueAgain.id).toBe(issue.id);
    const panel = await world.issue('chloe', 'getLinkedTask', issue);
    expect(panel.lastSync).toEqual({ at: 2000, outcome: 'failed' });
    expect((panel.recent as { id: string }[]).map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('unlinks, after which the panel shows no task', async () => {
    const issue = await newIssue(world);
    await world.issue('chloe', 'linkTask', issue, { task: await newTask(world) });
    expect(await world.issue('chloe', 'unlink', issue)).toEqual({ unlinked: true });
    expect(await world.issue('chloe', 'getLinkedTask', issue)).toMatchObject({ linked: false });
    expect(await world.issue('chloe', 'unlink', issue)).toEqual({
      error: 'This issue is not linked to a Bitrix24 task.',
      code: 'panel.notLinked',
      params: {},
    });
  });

  it('refuses a task that does not exist or is already linked elsewhere', async () => {
    const first = await newIssue(world);
    const second = await newIssue(world);
    expect((await world.issue('chloe', 'linkTask', first, { task: '424242' })).error).toBe(
      'Task 424242 does not exist in Bitrix24 or the app may not see it.',
    );
    const taskId = await newTask(world);
    await world.issue('chloe', 'linkTask', first, { task: taskId });
    expect((await world.issue('chloe', 'linkTask', second, { task: taskId })).error).toBe(
      `Task ${taskId} is already linked to ${first.key}.`,
    );
  });
});

describe('task references', () => {
  it.each([
    ['123', '123'],
    [' 45 ', '45'],
    ['https://acme.bitrix24.com/company/personal/user/1/tasks/task/view/77/', '77'],
    ['https://acme.bitrix24.com/workgroups/group/3/tasks/task/view/8/?IFRAME=Y', '8'],
    ['DEMO-1', null],
    ['https://acme.bitrix24.com/crm/deal/details/5/', null],
  ])('%s → %s', (input, expected) => {
    expect(parseTaskReference(input)).toBe(expected);
  });
});
