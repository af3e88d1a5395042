/**
 * Every refusal and row problem a person can meet on the settings page and the issue panel, driven through the real
 * resolvers: each carries a message code whose English wording is exactly the resolver's English sentence (so the
 * code and its parameters say the same thing), and whose Russian wording holds no English word but the data —
 * names, keys, ids and addresses the test put there.
 */
import { keys } from '../../src/app/store/keys';
import { message } from '../../src/frontend/shared/words';
import { englishWords, translator } from '../support/russian';
import { createResolverWorld, PEOPLE, type Reply, type ResolverWorld } from './world';

const en = translator('en-US');
const ru = translator('ru-RU');
const PORTAL = 'sandbox.bitrix24.com';

interface Coded {
  message: string;
  code?: string;
  params?: Record<string, string>;
}

/** The reply's refusal and each of its row problems. */
function sentencesOf(reply: Reply): Coded[] {
  const own =
    typeof reply.error === 'string'
      ? [
          {
            message: reply.error,
            ...(typeof reply.code === 'string' ? { code: reply.code } : {}),
            params: (reply.params ?? {}) as Record<string, string>,
          },
        ]
      : [];
  return [...own, ...((reply.problems ?? []) as Coded[])];
}

function expectWorded(sentences: Coded[], data: string[] = []): void {
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    const english = message(en, '<no wording>', s.code, s.params);
    const russian = message(ru, '<no wording>', s.code, s.params);
    expect({ code: s.code, english }).toEqual({ code: expect.any(String), english: s.message });
    expect({ code: s.code, russian, left: englishWords(russian, data) }).toEqual({ code: s.code, russian, left: [] });
  }
}

async function newIssue(world: ResolverWorld): Promise<{ id: string; key: string }> {
  const created = await world.jira('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Checkout fails' },
  });
  return { id: String(created.id), key: String(created.key) };
}

async function newTask(world: ResolverWorld, group = 1): Promise<string> {
  const result = (await world.b24('tasks.task.add', {
    fields: { TITLE: 'Fix checkout', RESPONSIBLE_ID: 2, GROUP_ID: group },
  })) as { task: { id: string | number } };
  return String(result.task.id);
}

/** A portal whose webhook secret is wrong: every Bitrix24 read fails as unauthorized. */
async function brokenPortal(world: ResolverWorld): Promise<void> {
  await world.settings('anna', 'saveConnection', {
    mode: 'webhook',
    portal: PORTAL,
    webhookUrl: `https://${PORTAL}/rest/1/wrongsecret1234/`,
  });
}

describe('refusals in Russian', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it('on the issue panel: not linked, bad reference, missing task, already linked, outside the workgroup, project not paired', async () => {
    const issue = await newIssue(world);
    const other = await newIssue(world);
    const task = await newTask(world);
    const outside = await newTask(world, 2);
    const replies = [
      await world.issue('chloe', 'unlink', issue),
      await world.issue('chloe', 'linkTask', issue, { task: 'DEMO-1' }),
      await world.issue('chloe', 'linkTask', issue, { task: '424242' }),
      await world.issue('chloe', 'linkTask', issue, { task: outside }),
    ];
    await world.issue('chloe', 'linkTask', issue, { task });
    replies.push(
      await world.issue('chloe', 'linkTask', other, { task }),
      await world.issue('chloe', 'linkTask', issue, { task }),
      await world.issue('chloe', 'createInB24', issue),
    );
    world.platform.kvs.remove('plain', keys.projectConfig('DEMO'));
    replies.push(
      await world.issue('chloe', 'createInB24', other),
      await world.issue('chloe', 'linkTask', other, { task: outside }),
    );
    expect(replies.map((r) => r.code)).toEqual([
      'panel.notLinked',
      'panel.taskReference',
      'panel.taskMissing',
      'panel.outsideGroup',
      'panel.taskLinkedTo',
      'panel.unlinkFirst',
      'panel.alreadyLinked',
      'panel.projectNotPaired',
      'panel.projectNotPaired',
    ]);
    expectWorded(replies.flatMap(sentencesOf), [issue.key, 'DEMO']);
  });

  it('on the issue panel: the linked task as Bitrix24 no longer shows it, and a portal that refuses the app', async () => {
    const issue = await newIssue(world);
    await world.issue('chloe', 'linkTask', issue, { task: await newTask(world) });
    await brokenPortal(world);
    const view = await world.issue('chloe', 'getLinkedTask', issue);
    const sync = await world.issue('chloe', 'syncNow', issue);
    const coded = view.taskProblemCode as { code: string; params: Record<string, string> };
    expect([coded.code, sync.code]).toEqual(['b24.unauthorized', 'b24.unauthorized']);
    expectWorded([{ message: String(view.taskProblem), ...coded }, ...sentencesOf(sync)]);
  });

  it('on the Activity tab: Retry of an entry that is gone, did not fail, or kept no work', async () => {
    const seeded = await createResolverWorld({
      seed: async ({ kvs }) => {
        const entry = { projectKey: 'DEMO', direction: 'none', operation: 'sync', fields: [] };
        await kvs.set(keys.journalEntry('DEMO', 1, 'ok'), { ...entry, id: 'ok', at: 1, outcome: 'synced' });
        await kvs.set(keys.journalEntry('DEMO', 2, 'bare'), { ...entry, id: 'bare', at: 2, outcome: 'failed' });
      },
    });
    const replies = [
      await seeded.settings('ben', 'retry', { entryId: 'nope' }),
      await seeded.settings('ben', 'retry', { entryId: 'ok' }),
      await seeded.settings('ben', 'retry', { entryId: 'bare' }),
    ];
    expect(replies.map((r) => r.code)).toEqual(['activity.entryGone', 'activity.notFailed', 'activity.noRetryJob']);
    expectWorded(replies.flatMap(sentencesOf));
  });

  it('on the Migration tab: nothing to pause, cancel or resume, and a project not paired', async () => {
    const replies = [
      await world.settings('ben', 'pauseMigration'),
      await world.settings('ben', 'cancelMigration'),
      await world.settings('ben', 'resumeMigration'),
    ];
    world.platform.kvs.remove('plain', keys.projectConfig('DEMO'));
    replies.push(await world.settings('ben', 'startMigration'), await world.settings('ben', 'migrationDryRun'));
    expect(replies.map((r) => r.code)).toEqual([
      'migration.nothingToPause',
      'migration.nothingToCancel',
      'migration.nothingToResume',
      'migration.notPaired',
      'migration.notPaired',
    ]);
    expectWorded(replies.flatMap(sentencesOf));
  });

  it('on the Connection tab: portal addresses, webhook URLs, OAuth clients and approvals', async () => {
    const save = (payload: Record<string, unknown>) => world.settings('anna', 'saveConnection', payload);
    const replies = [
      await save({ mode: 'webhook', portal: '' }),
      await save({ mode: 'webhook', portal: 'http://' }),
      await save({ mode: 'webhook', portal: 'crm.example.com' }),
      await save({ mode: 'webhook', portal: 'acme.bitrix24.de' }),
      await save({ mode: 'webhook', portal: PORTAL, webhookUrl: 'https://example.com/hook' }),
      await save({ mode: 'webhook', portal: PORTAL, webhookUrl: 'https://other.bitrix24.com/rest/1/abcdef123456/' }),
      await save({ mode: 'oauth', portal: PORTAL }),
      await world.settings('anna', 'getAuthorizeUrl'),
      await world.settings('anna', 'bindEvents'),
    ];
    const client = world.platform.seed.b24.oauthClient;
    await save({ mode: 'oauth', portal: PORTAL, clientId: client?.clientId, clientSecret: client?.clientSecret });
    await world.settings('anna', 'getAuthorizeUrl');
    replies.push(
      await world.settings('anna', 'completeOAuth', { code: 'expired-code' }),
      await world.settings('anna', 'completeOAuth', { code: 'https://[broken' }),
      await world.settings('anna', 'completeOAuth', { code: 'https://example.invalid/install?error=access_denied' }),
      await world.settings('anna', 'completeOAuth', { code: 'https://example.invalid/install?code=abc&state=forged' }),
    );
    expect(replies.map((r) => r.code)).toEqual([
      'portal.missing',
      'portal.notAddress',
      'portal.notCloud',
      'connection.webhookMissing',
      'connection.webhookShape',
      'connection.webhookOtherPortal',
      'connection.oauthClientMissing',
      'oauth.saveClientFirst',
      'events.webhookOnly',
      'oauth.refused',
      'oauth.notAddress',
      'oauth.noCode',
      'oauth.staleState',
    ]);
    expectWorded(replies.flatMap(sentencesOf), [
      'http://',
      'crm.example.com',
      'other.bitrix24.com',
      'acme.bitrix24.de',
    ]);
  });

  it('on the Mapping tab: a workgroup that does not exist or is paired elsewhere, and a portal that refuses the app', async () => {
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    const replies = [
      await world.settings('ben', 'saveMapping', { config: { ...config, b24GroupId: '77' } }),
      await world.settings('ben', 'saveMapping', { config: { ...config, projectKey: 'OPS' } }),
    ];
    await brokenPortal(world);
    const view = await world.settings('ben', 'getMapping');
    replies.push(await world.settings('ben', 'saveMapping', { config }));
    expect(replies.map((r) => r.code)).toEqual(['mapping.unknown', 'mapping.otherProject', 'mapping.notSavedBecause']);
    const groups = view.groupsProblemCode as { code: string; params: Record<string, string> };
    expectWorded(
      [...replies.flatMap(sentencesOf), { message: String(view.groupsProblem), ...groups }],
      ['OPS', 'DEMO'],
    );
  });

  it("on the Connection tab's list of workgroups, and a workgroup or migration it does not list", async () => {
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    const replies = [
      await world.settings('anna', 'saveWorkgroupAccess', {
        entries: [
          { groupId: '77', projects: ['DEMO'] },
          { groupId: '1', projects: ['NOPE'] },
        ],
      }),
      await world.settings('anna', 'saveWorkgroupAccess', {
        entries: [
          { groupId: '1', projects: ['DEMO'] },
          { groupId: '1', projects: ['*'] },
        ],
      }),
      await world.settings('anna', 'saveWorkgroupAccess', {
        entries: [
          { groupId: 'x', projects: ['bad key'] },
          { groupId: '2', projects: [] },
        ],
      }),
      await world.settings('ben', 'saveMapping', { config: { ...config, b24GroupId: '2' } }),
    ];
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [] });
    replies.push(await world.settings('ben', 'startMigration'));
    const view = await world.settings('ben', 'getMapping');
    expect(replies.map((r) => r.code)).toEqual([
      'access.notSaved',
      'access.notSaved',
      'access.notSaved',
      'mapping.groupNotListed',
      'migration.notListed',
    ]);
    expectWorded([...replies.flatMap(sentencesOf), view.groupNotListed as Coded], ['DEMO', 'NOPE', 'BAD KEY', '«x»']);
  });

  it('on the People tab: ids nobody holds, people mapped twice, and a portal that refuses the app', async () => {
    const replies = [
      await world.settings('ben', 'savePeople', {
        overrides: [
          { b24UserId: '999', jiraAccountId: PEOPLE.chloe },
          { b24UserId: '5', jiraAccountId: '712020:nobody' },
        ],
        fallback: { kind: 'default-user', b24UserId: 'abc', jiraAccountId: PEOPLE.anna },
      }),
      await world.settings('ben', 'savePeople', {
        overrides: [
          { b24UserId: '2', jiraAccountId: PEOPLE.chloe },
          { b24UserId: '2', jiraAccountId: PEOPLE.chloe },
        ],
        fallback: { kind: 'leave-unchanged' },
      }),
    ];
    await brokenPortal(world);
    replies.push(
      await world.settings('ben', 'getPeople'),
      await world.settings('ben', 'savePeople', {
        overrides: [{ b24UserId: '3', jiraAccountId: PEOPLE.dmitri }],
        fallback: { kind: 'leave-unchanged' },
      }),
    );
    world.platform.kvs.remove('plain', keys.projectConfig('DEMO'));
    replies.push(await world.settings('ben', 'getPeople'));
    const sentences = replies.flatMap(sentencesOf);
    expect(sentences.map((s) => s.code)).toEqual([
      'people.unknown',
      'people.noB24User',
      'people.noJiraAccount',
      'people.notB24Id',
      'people.notSaved',
      'people.b24Twice',
      'people.jiraTwice',
      'b24.unauthorized',
      'people.notSavedBecause',
      'people.mappingFirst',
    ]);
    expectWorded(sentences, [PEOPLE.chloe, 'abc']);
  });
});
