import { join } from 'node:path';
import { kvs } from '@forge/kvs';
import { LocalPlatform, type LocalPlatformOptions } from '../../../src/local/platform';
import { defaultSeed, type PlatformSeed } from '../../../src/local/seed';
import { FIXTURE_APP, trace } from './harness';

const ANNA = '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01';

function fixtureSeed(): PlatformSeed {
  // The fixture app's web trigger is `inbox`; the real app's is `b24-events`.
  return { ...defaultSeed(), b24Events: { webtriggerKey: 'inbox', events: ['ONTASKADD', 'ONTASKUPDATE'] } };
}

async function aPlatform(seedApp?: LocalPlatformOptions['seedApp']): Promise<LocalPlatform> {
  return LocalPlatform.create({
    seed: fixtureSeed(),
    manifestPath: join(FIXTURE_APP, 'manifest.yml'),
    indexPath: join(FIXTURE_APP, 'index.ts'),
    seedApp,
  });
}

async function createIssueAs(platform: LocalPlatform, accountId: string, summary: string): Promise<{ key: string }> {
  const response = await platform.jira.handle(
    new Request(`${platform.info().jira.baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary } }),
    }),
    { kind: 'user', accountId },
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { key: string };
}

async function b24Call(
  platform: LocalPlatform,
  userIndex: number,
  method: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  const user = platform.seed.b24.users[userIndex];
  if (!user) throw new Error('no such seeded user');
  const response = await platform.b24.handle(
    new Request(`https://${platform.b24.domain}/rest/${user.id}/${user.webhookSecret}/${method}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    }),
  );
  return response.json();
}

describe('LocalPlatform: the app between emulated Jira and Bitrix24', () => {
  it("delivers a person's Jira change to an ignoreSelf trigger but not the change the app makes in reply", async () => {
    const platform = await aPlatform();
    platform.kvs.write('plain', 'mode:issue-events', 'write-back');

    const { key } = await createIssueAs(platform, ANNA, 'Written by a person');
    const report = await platform.settle();

    expect(trace(platform, 'issue-events')).toEqual([
      { type: 'avi:jira:created:issue', key, by: ANNA, self: false, retry: 0 },
    ]);
    expect(trace(platform, 'all-issue-events')).toEqual([{ type: 'avi:jira:updated:issue', key, self: true }]);
    expect(report.selfEventsFiltered).toBe(1);
    expect(platform.stats().jira).toEqual({ reads: 0, writes: 1, byEndpoint: { 'PUT /rest/api/3/issue/{id}': 1 } });
  });

  it("routes Bitrix24 event deliveries for bound events to the app's web trigger, form-encoded", async () => {
    const platform = await aPlatform();

    await b24Call(platform, 0, 'tasks.task.add', { fields: { TITLE: 'From B24', RESPONSIBLE_ID: 1, GROUP_ID: 1 } });
    const report = await platform.settle();

    const [delivery] = trace(platform, 'inbox') as { body: string; contentType: string[] }[];
    const form = new URLSearchParams(delivery?.body ?? '');
    expect(form.get('event')).toBe('ONTASKADD');
    expect(form.get('auth[application_token]')).toBe(platform.seed.b24.applicationToken);
    expect(delivery?.contentType[0]).toMatch(/application\/x-www-form-urlencoded/);
    expect(report).toMatchObject({ b24EventsDelivered: 1, jobsRun: 1, idle: true });
    expect(platform.stats().b24.byMethod).toEqual({});
  });

  it('lets the app fetch the portal by its cloud domain, counted by method', async () => {
    const platform = await aPlatform();
    const { Queue } = await import('@forge/events');
    const anna = platform.seed.b24.users[0];
    await new Queue({ key: 'work' }).push({
      body: {
        id: 'f',
        mode: 'fetch',
        url: `https://sandbox.bitrix24.com/rest/1/${anna?.webhookSecret ?? ''}/user.get.json`,
        payload: JSON.stringify({ FILTER: { EMAIL: 'ben.carter@example.com' } }),
      },
    });

    await platform.settle();

    const fetched = platform.kvs.peek('fetched:f') as { status: number; body: string };
    expect(fetched.status).toBe(200);
    expect(JSON.parse(fetched.body)).toMatchObject({ result: [{ ID: '2', EMAIL: 'ben.carter@example.com' }] });
    expect(platform.stats().b24).toMatchObject({ reads: 1, writes: 0, byMethod: { 'user.get': 1 } });
  });

  it('describes the seeded world: four people matched by e-mail, two only in Jira (one of them may not be assigned) and one only in Bitrix24', async () => {
    const platform = await aPlatform();
    const info = platform.info();
    const jiraEmails = new Set(info.jira.users.map((u) => u.email));
    const b24Emails = new Set(info.b24.users.map((u) => u.email));

    expect(info.jira).toMatchObject({ baseUrl: 'https://sandbox.atlassian.net', projectKey: 'DEMO' });
    expect(info.b24).toMatchObject({ portal: 'sandbox.bitrix24.com', groupId: '1' });
    expect([...jiraEmails].filter((e) => b24Emails.has(e))).toHaveLength(4);
    expect([...jiraEmails].filter((e) => !b24Emails.has(e))).toHaveLength(2);
    expect(
      info.jira.users
        .filter((u) => u.permissions.includes('BROWSE_PROJECTS') && !u.permissions.includes('ASSIGNABLE_USER'))
        .map((u) => u.displayName),
    ).toEqual(['Greta Vogel']);
    expect([...b24Emails].filter((e) => !jiraEmails.has(e))).toHaveLength(1);
    expect(info.jira.users.filter((u) => u.permissions.includes('ADMINISTER'))).toHaveLength(1);
    expect(info.jira.users.filter((u) => u.permissions.includes('ADMINISTER_PROJECTS'))).toHaveLength(2);
    expect(info.b24.users[0]?.webhookUrl).toBe(
      `https://local-forge.test/b24/rest/1/${platform.seed.b24.users[0]?.webhookSecret ?? ''}`,
    );
    expect(info.webtriggers).toEqual({ inbox: 'https://local-forge.test/webtrigger/inbox' });
    // The fixture app's resolver is not one the real app lists call names for.
    expect(info.resolvers).toEqual({ 'panel-resolver-fn': [] });
  });

  it("runs the seedApp hook with the app's KVS, and again after reset, which returns everything to the seed", async () => {
    const seeded: number[] = [];
    const platform = await aPlatform(async ({ kvs: appKvs }) => {
      await appKvs.setSecret('b24:token', 'secret');
      seeded.push(seeded.length);
    });
    await kvs.set('link:b24:1', 'DEMO-1');
    await createIssueAs(platform, ANNA, 'to be forgotten');
    platform.setFaults({ seed: 1, jira429: 1 });

    await platform.reset();

    expect(seeded).toEqual([0, 1]);
    expect(platform.kvs.peek('link:b24:1')).toBeUndefined();
    expect(platform.kvs.peek('b24:token', 'secret')).toBe('secret');
    expect(platform.runtime.pending).toBe(0);
    const { key } = await createIssueAs(platform, ANNA, 'fresh site');
    expect(key).toBe('DEMO-1');
  });

  it('gives a resolver the site, module and person in its context, as the bridge does', async () => {
    const platform = await aPlatform();
    const echo = await platform.invoke({
      function: 'panel',
      call: 'echo',
      payload: { q: 1 },
      accountId: ANNA,
      extension: { issue: { id: '10001', key: 'DEMO-1' } },
    });
    expect(echo).toEqual({
      payload: { q: 1 },
      extension: { type: 'jira:issueContext', issue: { id: '10001', key: 'DEMO-1' } },
    });
    const whoami = (await platform.invoke({ function: 'panel', call: 'whoami', accountId: ANNA })) as {
      status: number;
      body: { accountId: string };
    };
    expect(whoami).toMatchObject({ accountId: ANNA, status: 200, body: { accountId: ANNA } });
  });

  it("passes the plan's per-call rates to the emulators: jira429 = 1 makes every app call answer 429", async () => {
    const platform = await aPlatform();
    platform.setFaults({ seed: 1, jira429: 1 });
    const { asApp, route } = await import('@forge/api');
    expect((await asApp().requestJira(route`/rest/api/3/myself`)).status).toBe(429);
    platform.setFaults({});
    expect((await asApp().requestJira(route`/rest/api/3/myself`)).status).toBe(200);
  });
});
