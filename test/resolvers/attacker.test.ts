/**
 * Played by attackers on the local platform: every id a person passes to a resolver is
 * checked against the project's pairing and that person's own rights, and admin input against the real directories,
 * before anything is written.
 */
import { keys } from '../../src/app/store/keys';
import { PEOPLE, createResolverWorld, type ResolverWorld } from './world';

const OPS_ADMIN = PEOPLE.olga;

async function newIssue(world: ResolverWorld, project = 'DEMO'): Promise<{ id: string; key: string }> {
  const created = await world.jira('POST', '/rest/api/3/issue', {
    fields: { project: { key: project }, issuetype: { name: 'Task' }, summary: 'Checkout fails' },
  });
  return { id: String(created.id), key: String(created.key) };
}

async function newTask(world: ResolverWorld, groupId: string, title = 'Fix checkout'): Promise<string> {
  const result = (await world.b24('tasks.task.add', {
    fields: { TITLE: title, RESPONSIBLE_ID: 1, GROUP_ID: groupId },
  })) as { task: { id: string | number } };
  return String(result.task.id);
}

/** DEMO paired with group 1, as the seed has it; group 2 is the board's private group; Olga administers OPS. */
const attackWorld = (): Promise<ResolverWorld> =>
  createResolverWorld({
    world: (seed) => {
      seed.b24.groups.push({ id: '2', name: 'Board of directors' });
      seed.jira.projects.push({ id: '10001', key: 'OPS', name: 'Operations' });
      const olga = seed.jira.users.find((u) => u.accountId === OPS_ADMIN);
      if (olga)
        olga.projectPermissions = {
          DEMO: [],
          OPS: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS', 'CREATE_ISSUES'],
        };
    },
  });

describe('linking an issue to a task', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await attackWorld();
  });

  it('refuses a task of another workgroup, and writes no link', async () => {
    const issue = await newIssue(world);
    const secret = await newTask(world, '2', 'Board salaries');
    const reply = await world.issue('chloe', 'linkTask', issue, { task: secret });
    expect(reply.error).toBe(
      `Task ${secret} is not in the Bitrix24 workgroup paired with this project, so it is not shown here and cannot be linked.`,
    );
    expect(world.platform.kvs.peek(keys.issueLink(issue.id))).toBeUndefined();
    expect(world.platform.kvs.peek(keys.taskLink(secret))).toBeUndefined();
  });

  it('refuses a browse-only person', async () => {
    const issue = await newIssue(world);
    const task = await newTask(world, '1');
    expect((await world.issue('dmitri', 'linkTask', issue, { task })).error).toBe(
      'You may see this issue but not edit it, so you cannot sync, link or unlink it.',
    );
    expect(world.platform.kvs.peek(keys.issueLink(issue.id))).toBeUndefined();
  });

  it("refuses an admin of another project who names this project's issue in a forged context", async () => {
    const victim = await newIssue(world, 'DEMO');
    const task = await newTask(world, '1');
    for (const call of ['linkTask', 'unlink', 'syncNow', 'createInB24', 'getLinkedTask']) {
      const reply = await world.issue('olga', call, victim, { task }, 'OPS');
      expect([call, reply.error]).toEqual([call, 'This issue does not exist in this project, or you may not see it.']);
    }
    expect(world.platform.kvs.peek(keys.issueLink(victim.id))).toBeUndefined();
  });

  it('refuses a context whose issue id and key disagree', async () => {
    const mine = await newIssue(world);
    const other = await newIssue(world);
    const task = await newTask(world, '1');
    const reply = await world.issue('chloe', 'linkTask', { id: other.id, key: mine.key }, { task });
    expect(reply.error).toBe('This issue does not exist in this project, or you may not see it.');
  });

  it('does not show a browse-only person a linked task that is outside the paired workgroup', async () => {
    const issue = await newIssue(world);
    const secret = await newTask(world, '2', 'Board salaries');
    const link = { taskId: secret, issueId: issue.id, issueKey: issue.key, projectKey: 'DEMO', linkedAt: 1 };
    world.platform.kvs.write('plain', keys.issueLink(issue.id), link);
    world.platform.kvs.write('plain', keys.taskLink(secret), link);
    const panel = await world.issue('dmitri', 'getLinkedTask', issue);
    expect(panel.task).toBeUndefined();
    expect(JSON.stringify(panel)).not.toContain('Board salaries');
    expect(panel.taskProblem).toMatch(/not in the Bitrix24 workgroup paired with this project/);
  });

  it('refuses to sync now a link, made before links were checked, to a task outside the paired workgroup', async () => {
    const issue = await newIssue(world);
    const secret = await newTask(world, '2', 'Board salaries');
    const link = { taskId: secret, issueId: issue.id, issueKey: issue.key, projectKey: 'DEMO', linkedAt: 1 };
    world.platform.kvs.write('plain', keys.issueLink(issue.id), link);
    world.platform.kvs.write('plain', keys.taskLink(secret), link);
    expect((await world.issue('chloe', 'syncNow', issue)).error).toMatch(
      /not in the Bitrix24 workgroup paired with this project/,
    );
    // Unlinking stays possible, so the pair can be undone.
    expect(await world.issue('chloe', 'unlink', issue)).toEqual({ unlinked: true });
  });

  it('still links a task of the paired workgroup for a developer', async () => {
    const issue = await newIssue(world);
    const task = await newTask(world, '1');
    expect(await world.issue('chloe', 'linkTask', issue, { task })).toMatchObject({
      link: { taskId: task, issueId: issue.id },
    });
  });
});

describe('admin input checked against the real directories', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await attackWorld();
  });

  it('refuses Bitrix24 ids and Jira accounts that do not exist, beside their rows, and writes nothing', async () => {
    const before = JSON.stringify(world.platform.kvs.peek(keys.projectConfig('DEMO')));
    const reply = await world.settings('ben', 'savePeople', {
      overrides: [
        { b24UserId: '999', jiraAccountId: PEOPLE.chloe },
        { b24UserId: '5', jiraAccountId: '712020:nobody' },
      ],
      fallback: { kind: 'default-user', b24UserId: 'abc', jiraAccountId: PEOPLE.anna },
    });
    expect(reply).toEqual({
      ok: false,
      error: 'The people settings were not saved: some people do not exist.',
      code: 'people.unknown',
      problems: [
        {
          path: 'overrides.0.b24UserId',
          message: 'Bitrix24 has no user with id 999.',
          code: 'people.noB24User',
          params: { user: '999' },
        },
        {
          path: 'overrides.1.jiraAccountId',
          message: 'Jira has no account 712020:nobody.',
          code: 'people.noJiraAccount',
          params: { account: '712020:nobody' },
        },
        {
          path: 'fallback.b24UserId',
          message: '"abc" is not a Bitrix24 user id (a number such as 12).',
          code: 'people.notB24Id',
          params: { user: 'abc' },
        },
      ],
    });
    expect(JSON.stringify(world.platform.kvs.peek(keys.projectConfig('DEMO')))).toBe(before);
  });

  it('refuses a workgroup that does not exist, or one already paired with another project', async () => {
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    expect(await world.settings('ben', 'saveMapping', { config: { ...config, b24GroupId: '77' } })).toMatchObject({
      ok: false,
      problems: [{ path: 'b24GroupId', message: 'Bitrix24 has no workgroup 77, or the app may not see it.' }],
    });
    const opsConfig = { ...config, projectKey: 'OPS', b24GroupId: '1' };
    const reply = await world.platform.invoke({
      function: 'settings-resolver-fn',
      call: 'saveMapping',
      payload: { config: opsConfig },
      accountId: OPS_ADMIN,
      extension: { project: { key: 'OPS' } },
    });
    expect(reply).toMatchObject({
      ok: false,
      problems: [{ path: 'b24GroupId', message: 'Workgroup 1 is already paired with project DEMO.' }],
    });
    expect(world.platform.kvs.peek(keys.projectConfig('OPS'))).toBeUndefined();
  });

  it('answers a malformed project key with what is wrong, not "log in"', async () => {
    const reply = await world.platform.invoke({
      function: 'settings-resolver-fn',
      call: 'getMapping',
      payload: {},
      accountId: PEOPLE.ben,
      extension: { project: { key: 'demo; drop' } },
    });
    expect(reply).toEqual({ error: 'Open this page from a Jira project.', code: 'context.project' });
  });
});
