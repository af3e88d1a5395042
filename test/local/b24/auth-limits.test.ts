import { OAUTH_HOST } from '../../../src/local/b24';
import { aPortal, fixture, shapeMismatches } from './support';

const token = (args: string) =>
  new Request(`https://${OAUTH_HOST}/oauth/token/?client_id=local.abc123&client_secret=client-secret&${args}`);

describe('authentication', () => {
  it('answers INVALID_CREDENTIALS (403, the system-error table) to a wrong webhook secret', async () => {
    const portal = aPortal();
    const res = await portal.emu.handle(new Request('https://sandbox.bitrix24.com/rest/2/wrong/profile.json'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(fixture('INVALID_CREDENTIALS.json'));
  });

  it('answers NO_AUTH_FOUND without a token and invalid_token with an unknown one', async () => {
    const portal = aPortal();
    const none = await portal.emu.handle(new Request('https://sandbox.bitrix24.com/rest/profile'));
    expect([none.status, (await none.json()).error]).toEqual([401, 'NO_AUTH_FOUND']);
    const bad = await portal.emu.handle(new Request('https://sandbox.bitrix24.com/rest/profile?auth=nope'));
    expect([bad.status, (await bad.json()).error]).toEqual([401, 'invalid_token']);
  });

  it('runs the OAuth code flow, expires access tokens after an hour and rotates refresh tokens', async () => {
    const portal = aPortal();
    const code = portal.emu.issueAuthorizationCode('1');
    const first = await (await portal.emu.handle(token(`grant_type=authorization_code&code=${code}`))).json();
    expect(shapeMismatches(first, fixture('oauth.token.refresh_token.response.json'))).toEqual([]);
    expect(first).toMatchObject({
      client_endpoint: 'https://sandbox.bitrix24.com/rest/',
      expires_in: 3600,
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
    });
    const reused = await portal.emu.handle(token(`grant_type=authorization_code&code=${code}`));
    expect([reused.status, (await reused.json()).error]).toEqual([400, 'invalid_grant']);

    portal.clock.advance(3600_000);
    const expired = await portal.emu.handle(
      new Request(`https://sandbox.bitrix24.com/rest/profile?auth=${first.access_token}`),
    );
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      error: 'expired_token',
      error_description: 'The access token provided has expired',
    });

    const refreshed = await (
      await portal.emu.handle(token(`grant_type=refresh_token&refresh_token=${first.refresh_token}`))
    ).json();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    const again = await portal.emu.handle(token(`grant_type=refresh_token&refresh_token=${first.refresh_token}`));
    expect(again.status).toBe(400);
    const ok = await portal.emu.handle(
      new Request(`https://sandbox.bitrix24.com/rest/profile?auth=${refreshed.access_token}`),
    );
    expect((await ok.json()).result).toMatchObject({ ID: '1', ADMIN: true });
  });

  it('refuses an authorization code older than 30 s and a wrong client secret', async () => {
    const portal = aPortal();
    const code = portal.emu.issueAuthorizationCode('1');
    portal.clock.advance(31_000);
    expect((await portal.emu.handle(token(`grant_type=authorization_code&code=${code}`))).status).toBe(400);
    const wrong = await portal.emu.handle(
      new Request(
        `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=local.abc123&client_secret=x&code=${portal.emu.issueAuthorizationCode('1')}`,
      ),
    );
    expect((await wrong.json()).error).toBe('invalid_client');
  });

  it('limits a webhook to its scopes (insufficient_scope, 403) and reports them through `scope`', async () => {
    const portal = aPortal();
    portal.emu.restrictWebhookScopes('2', ['user_brief']);
    expect((await portal.ok('scope')).result).toEqual(['user_brief']);
    const res = await portal.call('tasks.task.list');
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('insufficient_scope');
    expect((await portal.ok('user.get', { FILTER: { ID: 3 } })).result[0]).not.toHaveProperty('EMAIL');
  });

  it('answers ERROR_METHOD_NOT_FOUND (404) for an unknown method', async () => {
    const res = await aPortal().call('tasks.task.nope');
    expect([res.status, (await res.json()).error]).toEqual([404, 'ERROR_METHOD_NOT_FOUND']);
  });
});

describe('limits', () => {
  it('blocks past the leaky bucket with 503 QUERY_LIMIT_EXCEEDED and drains 2 per second', async () => {
    const portal = aPortal({ limits: {} });
    for (let i = 0; i < 50; i += 1) expect((await portal.call('profile')).status).toBe(200);
    const blocked = await portal.call('profile');
    expect(blocked.status).toBe(503);
    expect(await blocked.json()).toEqual(fixture('QUERY_LIMIT_EXCEEDED.constructed.json'));
    portal.clock.advance(1000);
    expect((await portal.call('profile')).status).toBe(200);
    expect((await portal.call('profile')).status).toBe(200);
    expect((await portal.call('profile')).status).toBe(503);
  });

  it('counts a batch of 50 commands as one request against the bucket', async () => {
    const portal = aPortal({ limits: {} });
    const cmd = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, 'profile']));
    for (let i = 0; i < 50; i += 1) expect((await portal.call('batch', { cmd })).status).toBe(200);
    expect((await portal.call('batch', { cmd })).status).toBe(503);
  });

  it('blocks a method past its operating time with 429 OPERATION_TIME_LIMIT until the window moves on', async () => {
    const portal = aPortal({ limits: { bucketCapacity: 10_000, operatingSecondsPer10Min: 1 } });
    for (let i = 0; i < 5; i += 1) await portal.ok('tasks.task.list');
    const blocked = await portal.call('tasks.task.list');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Method is blocked due to operation time limit',
    });
    expect((await portal.call('profile')).status).toBe(200);
    portal.clock.advance(10 * 60_000);
    expect((await portal.call('tasks.task.list')).status).toBe(200);
  });

  it('reports operating and operating_reset_at in the time envelope', async () => {
    const portal = aPortal();
    await portal.ok('tasks.task.list');
    const body = await portal.ok('tasks.task.list');
    expect(shapeMismatches(body.time, fixture('tasks.task.list.response.json').time)).toEqual([]);
    expect(body.time.operating).toBeCloseTo(0.4); // two list calls of 0.2 s in this window
    expect(body.time.operating_reset_at).toBeGreaterThan(portal.clock.now() / 1000);
    expect(body.time.date_start).toMatch(/\+01:00$/);
  });

  it('injects rate-limit and server faults per call', async () => {
    const portal = aPortal();
    portal.emu.setFaults({ rateLimit: 1, serverError: 0, random: () => 0 });
    expect((await portal.call('profile')).status).toBe(503);
    portal.emu.setFaults({ rateLimit: 0, serverError: 1, random: () => 0.5 });
    const res = await portal.call('profile');
    expect([res.status, (await res.json()).error]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    portal.emu.setFaults(null);
    expect((await portal.call('profile')).status).toBe(200);
  });
});
