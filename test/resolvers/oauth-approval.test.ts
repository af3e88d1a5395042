/**
 * The OAuth approval as the Connection tab drives it: the portal's authorize address with a one-time state, the
 * code pasted alone or inside the redirected address (whose state must be ours), and the last verified event.
 */
import { keys } from '../../src/app/store/keys';
import { createResolverWorld, type ResolverWorld } from './world';

const PORTAL = 'sandbox.bitrix24.com';

async function oauthWorld(): Promise<ResolverWorld> {
  const world = await createResolverWorld();
  const client = world.platform.seed.b24.oauthClient;
  await world.settings('anna', 'saveConnection', {
    mode: 'oauth',
    portal: PORTAL,
    clientId: client?.clientId,
    clientSecret: client?.clientSecret,
  });
  return world;
}

describe('OAuth approval', () => {
  it("answers the portal's authorize address for the saved client, with a state", async () => {
    const world = await oauthWorld();
    const { url } = (await world.settings('anna', 'getAuthorizeUrl')) as { url: string };
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`https://${PORTAL}/oauth/authorize/`);
    expect(parsed.searchParams.get('client_id')).toBe(world.platform.seed.b24.oauthClient?.clientId);
    expect(parsed.searchParams.get('state')).toMatch(/.{8,}/);
  });

  it('refuses the authorize address until an OAuth client is saved', async () => {
    const world = await createResolverWorld();
    expect(await world.settings('anna', 'getAuthorizeUrl')).toEqual({
      error: 'Save the portal address, client id and client secret first.',
      code: 'oauth.saveClientFirst',
      params: {},
    });
  });

  it('completes with the whole redirected address when its state is the one issued', async () => {
    const world = await oauthWorld();
    const { url } = (await world.settings('anna', 'getAuthorizeUrl')) as { url: string };
    const state = new URL(url).searchParams.get('state') ?? '';
    const code = world.platform.b24.issueAuthorizationCode('1');
    const redirected = `https://example.invalid/install?code=${code}&state=${state}&domain=${PORTAL}&member_id=x`;
    expect(await world.settings('anna', 'completeOAuth', { code: redirected })).toEqual({ domain: PORTAL });
    expect(await world.settings('anna', 'getConnection')).toMatchObject({ connected: true, authMode: 'oauth' });
  });

  it('refuses a redirected address carrying a state this page did not issue, and stays unconnected', async () => {
    const world = await oauthWorld();
    await world.settings('anna', 'getAuthorizeUrl');
    const code = world.platform.b24.issueAuthorizationCode('1');
    const reply = await world.settings('anna', 'completeOAuth', {
      code: `https://example.invalid/install?code=${code}&state=forged`,
    });
    expect(reply.error).toMatch(/did not start from this page/);
    expect(await world.settings('anna', 'getConnection')).toMatchObject({ connected: false });
  });

  it('explains an address without a code', async () => {
    const world = await oauthWorld();
    expect(
      (await world.settings('anna', 'completeOAuth', { code: 'https://example.invalid/install?error=access_denied' }))
        .error,
    ).toMatch(/no code=/);
  });
});

describe('event arrival', () => {
  it('shows no last event before one arrives, and the verified one after', async () => {
    const world = await createResolverWorld();
    expect(await world.settings('anna', 'getConnection')).not.toHaveProperty('lastEvent');
    const seeded = await createResolverWorld({
      seed: async ({ kvs }) => kvs.set(keys.lastB24Event(), { at: 1_700_000_000_000, event: 'ONTASKUPDATE' }),
    });
    expect((await seeded.settings('anna', 'getConnection')).lastEvent).toEqual({
      at: 1_700_000_000_000,
      event: 'ONTASKUPDATE',
    });
  });
});
