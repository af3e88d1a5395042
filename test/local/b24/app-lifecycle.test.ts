/**
 * The local application's lifecycle as common/events/on-app-uninstall.md and common/system/app-info.md describe
 * it: uninstalling sends ONAPPUNINSTALL (no access token in `auth`) and revokes the app's access; app.info answers
 * in application context only.
 */
import { OAUTH_HOST } from '../../../src/local/b24';
import { parseStr } from '../../../src/local/b24/php-query';
import { aPortal, type Loose, type Portal } from './support';

const HANDLER = 'https://example.test/webtrigger/b24-events';

async function appToken(portal: Portal): Promise<string> {
  const code = portal.emu.issueAuthorizationCode('1');
  const reply = await portal.emu.handle(
    new Request(
      `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=local.abc123&client_secret=client-secret&code=${code}`,
    ),
  );
  return ((await reply.json()) as { access_token: string }).access_token;
}

const asApp = (portal: Portal, token: string, method: string, args = ''): Promise<Response> =>
  portal.emu.handle(new Request(`https://sandbox.bitrix24.com/rest/${method}?auth=${token}&${args}`));

describe('uninstalling the app', () => {
  it('sends ONAPPUNINSTALL as documented, then the app has no access and no handlers', async () => {
    const portal = aPortal();
    const token = await appToken(portal);
    for (const event of ['ONAPPUNINSTALL', 'ONTASKADD'])
      expect(
        (await asApp(portal, token, 'event.bind.json', `event=${event}&handler=${encodeURIComponent(HANDLER)}`)).status,
      ).toBe(200);
    portal.emu.bindHandler('ONTASKUPDATE', HANDLER);

    portal.emu.uninstallApp({ clean: true });

    expect(portal.deliveries).toHaveLength(1);
    const body = parseStr(await (portal.deliveries[0] as Request).text()) as Loose;
    expect(body).toMatchObject({ event: 'ONAPPUNINSTALL', data: { LANGUAGE_ID: 'en', CLEAN: '1' } });
    expect(Object.keys(body.auth).sort()).toEqual([
      'application_token',
      'client_endpoint',
      'domain',
      'member_id',
      'server_endpoint',
    ]);
    expect((await asApp(portal, token, 'app.info.json')).status).toBe(401);
    expect(portal.emu.snapshot().handlers.map((h) => [h.kind, h.event])).toEqual([['webhook', 'ONTASKUPDATE']]);
  });
});

describe('app.info', () => {
  it('describes the installed local application to the app', async () => {
    const portal = aPortal();
    const reply = await (await asApp(portal, await appToken(portal), 'app.info.json')).json();
    expect(reply.result).toMatchObject({ STATUS: 'L', INSTALLED: true, PAYMENT_EXPIRED: 'N' });
    expect(reply.result).not.toHaveProperty('member_id');
  });

  it('refuses an incoming webhook: it needs an application context', async () => {
    const portal = aPortal();
    const reply = await portal.call('app.info', {});
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({
      error: 'ACCESS_DENIED',
      error_description: 'Access denied! Application context required',
    });
  });
});
