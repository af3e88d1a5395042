/**
 * The /ui routes' contract without a browser: which person, language and module context a page boots with, and
 * the sentences it answers with instead of a page.
 */
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { routeSandbox } from '../../src/local/sandbox/routes';

const ORIGIN = 'http://127.0.0.1:8787';

interface Boot {
  person: { accountId: string; displayName: string; email: string };
  module: { kind: string; key: string; resolverFunction: string };
  context: Record<string, unknown>;
  bundle: string;
}

describe('the /ui routes', () => {
  let platform: LocalPlatform;
  const get = (path: string) => routeSandbox(new Request(`${ORIGIN}${path}`), platform);
  const boot = async (path: string): Promise<Boot> => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const match = /<script id="forge-boot" type="application\/json">(.*?)<\/script>/s.exec(await response.text());
    return JSON.parse(match?.[1] ?? 'null') as Boot;
  };

  beforeAll(async () => {
    platform = await LocalPlatform.create({ clock: new ManualClock(), seedApp });
  });

  it('opens the settings page as the site admin in en-US by default, with the project settings module context', async () => {
    const page = await boot('/ui/settings?project=DEMO');
    expect(page.person).toEqual({
      accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01',
      displayName: 'Anna Schmidt',
      email: 'anna.schmidt@example.com',
    });
    expect(page.module).toEqual({ kind: 'settings', key: 'settings', resolverFunction: 'settings-resolver-fn' });
    expect(page.context).toMatchObject({
      accountId: page.person.accountId,
      locale: 'en-US',
      moduleKey: 'settings',
      extension: { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'DEMO' } },
    });
    expect(page.bundle).toBe('settings-page');
  });

  it('opens the issue panel as a person named by e-mail or accountId, in the chosen language', async () => {
    const created = await platform.jira.handle(
      new Request('https://sandbox.atlassian.net/rest/api/3/issue', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from('anna.schmidt@example.com:t').toString('base64')}`,
        },
        body: JSON.stringify({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Boot me' } }),
      }),
    );
    const { id, key } = (await created.json()) as { id: string; key: string };
    const byEmail = await boot(`/ui/issue/${key}?as=BEN.CARTER@example.com&locale=ru-RU`);
    expect(byEmail.context).toMatchObject({
      accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02',
      locale: 'ru-RU',
      extension: { type: 'jira:issueContext', issue: { id, key }, project: { key: 'DEMO' } },
    });
    expect(byEmail.module.resolverFunction).toBe('issue-resolver-fn');
    const byId = await boot(`/ui/issue/${key}?as=712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04`);
    expect(byId.person.displayName).toBe('Dmitri Ivanov');
  });

  it.each([
    ['/ui/settings?as=nobody@example.com', 400, 'Nobody called "nobody@example.com" exists on the Jira site'],
    ['/ui/settings?locale=fr-FR', 400, 'The app has no "fr-FR" translation; choose one of en-US, ru-RU.'],
    ['/ui/settings?project=NOPE', 404, 'Anna Schmidt cannot see a Jira project NOPE.'],
    ['/ui/issue/DEMO-999', 404, 'Anna Schmidt cannot see a Jira issue DEMO-999.'],
    ['/ui/issue/%3Cscript%3E', 404, '"&#60;script&#62;" is not a Jira issue key.'],
  ])('%s answers %i with a sentence', async (path, status, sentence) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(sentence);
  });

  it("serves the manifest's translations where @forge/bridge fetches them, beside the page", async () => {
    const info = await (await get('/ui/issue/__LOCALES__/i18n-info.json')).json();
    expect(info).toEqual({ translations: {}, config: { locales: ['en-US', 'ru-RU'], fallback: { default: 'en-US' } } });
    const ru = (await (await get('/ui/__LOCALES__/ru-RU.json')).json()) as { tabs: Record<string, string> };
    expect(ru.tabs.connection).toBe('Подключение');
    expect((await get('/ui/__LOCALES__/fr-FR.json')).status).toBe(404);
  });

  it('answers only GET', async () => {
    expect((await routeSandbox(new Request(`${ORIGIN}/ui/settings`, { method: 'POST' }), platform)).status).toBe(405);
  });
});
