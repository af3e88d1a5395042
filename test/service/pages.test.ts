/** The service's own pages: both languages complete, and the admin page handed only to the signed-in admin. */
import { WORDS } from '../../src/service/http/words';
import { englishWords } from '../support/russian';
import { createWorld } from './world';

describe('the words of the setup and sign-in pages', () => {
  it('exist in English and Russian, key for key, the Russian ones in Russian', () => {
    expect(Object.keys(WORDS.ru).sort()).toEqual(Object.keys(WORDS.en).sort());
    // "setup code" is quoted from the English log line the reader must find.
    for (const [key, text] of Object.entries(WORDS.ru)) if (key !== 'title') expect([key, englishWords(text.replace(/\{\w+\}/g, ' '), ['setup code'])]).toEqual([key, []]);
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

  it('boots the settings page with the project, the session\'s CSRF token and the service\'s resolver route', async () => {
    const world = createWorld();
    const { cookie, csrf } = await world.signIn();
    const response = await world.request('/admin?project=DEMO', { headers: { cookie } });
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const boot = JSON.parse(/<script id="forge-boot" type="application\/json">(.*?)<\/script>/s.exec(await response.text())?.[1] ?? 'null') as Record<string, unknown>;
    expect(boot).toMatchObject({ module: { kind: 'settings' }, context: { extension: { project: { key: 'DEMO' } } }, service: { resolveUrl: '/api/resolve/settings', csrf } });
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
