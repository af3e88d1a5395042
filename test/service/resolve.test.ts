/**
 * The admin page's resolver calls: the same definitions as on Forge, reached only by the signed-in admin's
 * browser (session cookie + the page's CSRF token, JSON only), checked with the admin's rights.
 */
import type { JiraTransport } from '../../src/adapters/jira/client';
import { createWorld, ORIGIN } from './world';

/** The service's Jira account: sees DEMO (and may edit there), sees no other project. */
const jira: JiraTransport = (path) => {
  const url = new URL(path, 'https://jira.example');
  if (url.pathname === '/rest/api/3/mypermissions') {
    const visible = url.searchParams.get('projectKey') === 'DEMO';
    const permissions = Object.fromEntries(
      (url.searchParams.get('permissions') ?? '')
        .split(',')
        .map((key) => [key, { id: '1', key, name: key, type: 'PROJECT', description: '', havePermission: visible }]),
    );
    return Promise.resolve(Response.json({ permissions }));
  }
  return Promise.resolve(Response.json({ errorMessages: ['not in this test'] }, { status: 404 }));
};

const call = (
  path: string,
  session: { cookie: string; csrf?: string },
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  headers: {
    cookie: session.cookie,
    'content-type': 'application/json',
    origin: ORIGIN,
    ...(session.csrf ? { 'x-sync-csrf': session.csrf } : {}),
    ...headers,
  },
  body: JSON.stringify(body),
});

describe('POST /api/resolve/<page>/<call>', () => {
  it("runs the settings page's call with the admin's rights and answers what the resolver answers", async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    const access = await world.request(
      '/api/resolve/settings/getAccess',
      call('', session, { extension: { project: { key: 'DEMO' } } }),
    );
    expect(access.status).toBe(200);
    expect(await access.json()).toEqual({ siteAdmin: true, projectAdmin: true });
    const connection = await world.request('/api/resolve/settings/getConnection', call('', session, { payload: {} }));
    expect(await connection.json()).toMatchObject({ connected: false });
  });

  it("refuses a project the service's Jira account cannot see, with the Forge refusal", async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    const reply = await world.request(
      '/api/resolve/settings/getMapping',
      call('', session, { extension: { project: { key: 'SECRET' } } }),
    );
    expect(await reply.json()).toMatchObject({ code: 'refused.ADMINISTER_PROJECTS' });
    const access = await world.request(
      '/api/resolve/settings/getAccess',
      call('', session, { extension: { project: { key: 'SECRET' } } }),
    );
    expect(await access.json()).toEqual({ siteAdmin: true, projectAdmin: false });
  });

  it('refuses a project-scoped call when Jira cannot be asked', async () => {
    const world = createWorld();
    const session = await world.signIn();
    expect(
      await (
        await world.request(
          '/api/resolve/settings/getPeople',
          call('', session, { extension: { project: { key: 'DEMO' } } }),
        )
      ).json(),
    ).toMatchObject({ code: 'refused.UNCHECKED' });
  });

  it('validates the payload as on Forge', async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    const reply = await world.request(
      '/api/resolve/settings/retry',
      call('', session, { payload: { entryId: '' }, extension: { project: { key: 'DEMO' } } }),
    );
    expect(await reply.json()).toMatchObject({ code: 'invalidInputAt', params: { path: 'entryId' } });
  });

  it('refuses a call without a session, without the CSRF token, with a wrong one, or not as JSON', async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    const path = '/api/resolve/settings/getConnection';
    expect((await world.request(path, call('', { cookie: '' }, {}))).status).toBe(401);
    expect((await world.request(path, call('', { cookie: session.cookie }, {}))).status).toBe(403);
    expect(
      (await world.request(path, call('', { cookie: session.cookie, csrf: `${session.csrf.slice(0, -1)}x` }, {})))
        .status,
    ).toBe(403);
    expect((await world.request(path, call('', session, {}, { 'content-type': 'text/plain' }))).status).toBe(415);
    expect((await world.request(path, { ...call('', session, {}), body: 'not json' })).status).toBe(400);
  });

  it('answers 404 for calls that do not exist, including inherited names', async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    for (const path of [
      '/api/resolve/settings/nope',
      '/api/resolve/settings/constructor',
      '/api/resolve/admin/getAccess',
    ]) {
      expect((await world.request(path, call('', session, {}))).status).toBe(404);
    }
  });

  it("reaches the issue panel's calls too, whose issue must be the service account's to see", async () => {
    const world = createWorld({ jira });
    const session = await world.signIn();
    const reply = await world.request(
      '/api/resolve/issue/getLinkedTask',
      call('', session, { extension: { project: { key: 'DEMO' }, issue: { id: '10001', key: 'DEMO-1' } } }),
    );
    expect(await reply.json()).toMatchObject({ code: 'context.issueRefused' });
  });
});
