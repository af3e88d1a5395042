/** The service's own pages: both languages complete, and the admin page handed only to the signed-in admin. */
import type { JiraTransport } from '../../src/adapters/jira/client';
import { WORDS } from '../../src/service/http/words';
import { englishWords } from '../support/russian';
import { createWorld } from './world';

describe('the words of the setup and sign-in pages', () => {
  it('exist in English and Russian, key for key, the Russian ones in Russian', () => {
    expect(Object.keys(WORDS.ru).sort()).toEqual(Object.keys(WORDS.en).sort());
    // "setup code" is quoted from the English log line the reader must find.
    for (const [key, text] of Object.entries(WORDS.ru))
      if (key !== 'title')
        expect([key, englishWords(text.replace(/\{\w+\}/g, ' '), ['setup code'])]).toEqual([key, []]);
  });
});

describe('the admin page', () => {
  it('sends a visitor without a session to the sign-in, and gives its scripts to nobody else', async () => {
    const world = createWorld();
    await world.signIn();
    expect((await world.request('/admin?project=DEMO')).headers.get('location')).toBe('/login');
    expect((await world.request('/admin/assets/renderer.js')).status).toBe(401);
    expect((await world.request('/__LOCALES__/i18n-info.json')).status).toBe(401);
  });

  it("boots the settings page with the project, the session's CSRF token and the service's resolver route", async () => {
    const world = createWorld();
    const { cookie, csrf } = await world.signIn();
    const response = await world.request('/admin?project=DEMO', { headers: { cookie } });
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const boot = JSON.parse(
      /<script id="forge-boot" type="application\/json">(.*?)<\/script>/s.exec(await response.text())?.[1] ?? 'null',
    ) as Record<string, unknown>;
    expect(boot).toMatchObject({
      module: { kind: 'settings' },
      context: { extension: { project: { key: 'DEMO' } } },
      service: { resolveUrl: '/api/resolve/settings', csrf },
    });
  });

  it('asks for a project when none (or no valid key) is given, listing the paired ones', async () => {
    const world = createWorld();
    const { cookie } = await world.signIn();
    await world.storage.kv.set('config-index', ['OPS']);
    for (const path of ['/admin', '/admin?project=%3Cscript%3E']) {
      const text = await (await world.request(path, { headers: { cookie } })).text();
      expect(text).toContain('name="project"');
      expect(text).not.toContain('<script>');
    }
  });
});

describe('the admin page without Jira', () => {
  const jiraRoutes = (mode: 'token' | 'none') => ({
    mode,
    webhookAuth: null,
    serviceAccountId: () => Promise.resolve(null),
  });
  const notice = (html: string): string =>
    /<section class="jira-missing" role="alert"[^>]*>(.*?)<\/section>/s.exec(html)?.[1]?.replace(/<[^>]+>/g, ' ') ?? '';

  it('says Jira is not connected and which variables to set, above the chooser and the settings, in both languages', async () => {
    const world = createWorld({ jiraRoutes: jiraRoutes('none') });
    const { cookie } = await world.signIn();
    for (const path of ['/admin', '/admin?project=DEMO']) {
      const english = notice(await (await world.request(path, { headers: { cookie } })).text());
      expect(english).toContain('Jira is not connected');
      for (const name of ['JIRA_AUTH=token', 'JIRA_SITE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_AUTH=oauth'])
        expect(english).toContain(name);
      expect(english).toContain('JIRA_OAUTH_CLIENT_SECRET');
      const russian = notice(
        await (await world.request(path, { headers: { cookie, 'accept-language': 'ru-RU,ru;q=0.9' } })).text(),
      );
      expect(russian).toContain('Jira не подключена');
      expect(russian).toContain('JIRA_API_TOKEN');
    }
  });

  it('says nothing of the kind once Jira is configured', async () => {
    const world = createWorld({ jiraRoutes: jiraRoutes('token') });
    const { cookie } = await world.signIn();
    const html = await (await world.request('/admin?project=DEMO', { headers: { cookie } })).text();
    expect(html).toContain('id="forge-root"');
    expect(notice(html)).toBe('');
  });
});

describe("the user picker's Jira reads", () => {
  const jira: JiraTransport = (path) => {
    const url = new URL(path, 'https://jira.example');
    const ada = {
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      accountType: 'atlassian',
      active: true,
      displayName: 'Ada Lovelace',
      emailAddress: 'ada@example.com',
    };
    if (url.pathname === '/rest/api/3/user/search')
      return Promise.resolve(Response.json(url.searchParams.get('query') === 'ada' ? [ada] : []));
    if (url.pathname === '/rest/api/3/user')
      return Promise.resolve(
        url.searchParams.get('accountId') === ada.accountId
          ? Response.json(ada)
          : Response.json({ errorMessages: ['x'] }, { status: 404 }),
      );
    return Promise.resolve(Response.json({}, { status: 404 }));
  };

  it("search Jira with the service's account for the signed-in admin only", async () => {
    const world = createWorld({ jira });
    expect((await world.request('/jira/rest/api/3/user/search?query=ada')).status).toBe(401);
    const { cookie } = await world.signIn();
    expect(
      await (
        await world.request('/jira/rest/api/3/user/search?query=ada&maxResults=20', { headers: { cookie } })
      ).json(),
    ).toEqual([
      { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Ada Lovelace', emailAddress: 'ada@example.com' },
    ]);
    expect(
      (await world.request('/jira/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5', { headers: { cookie } })).status,
    ).toBe(200);
    expect((await world.request('/jira/rest/api/3/user?accountId=nobody', { headers: { cookie } })).status).toBe(404);
    expect((await world.request('/jira/rest/api/3/user?accountId=..%2F..', { headers: { cookie } })).status).toBe(400);
  });
});
