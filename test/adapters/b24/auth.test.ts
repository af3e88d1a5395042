import { createB24Auth } from '../../../src/adapters/b24/auth';
import { createB24Client } from '../../../src/adapters/b24/client';
import { B24_CREDENTIALS_KEY, type B24OAuthCredentials } from '../../../src/ports/b24-credentials';
import type { HttpReply, HttpRequestInit } from '../../../src/ports/http';
import { fakeTransport, fixedClock, fixtureJson, memorySecrets, reply } from '../support';

const NOW = 1_780_315_000_000;
const TASK = (fixtureJson('b24/rest/tasks.task.update.response.json') as { result: unknown }).result;
const REFRESHED = fixtureJson('b24/oauth/oauth.token.refresh_token.response.json') as {
  access_token: string;
  refresh_token: string;
  expires: number;
};
const EXPIRED = { error: 'expired_token', error_description: 'The access token provided has expired.' };

const oauth = (overrides: Partial<B24OAuthCredentials> = {}): B24OAuthCredentials => ({
  mode: 'oauth',
  clientEndpoint: 'https://portal.bitrix24.com/rest/',
  accessToken: 'old-access',
  refreshToken: 'old-refresh',
  expiresAt: NOW + 3_600_000,
  clientId: 'app.573ad8a0346747.09223434',
  clientSecret: 'client-secret',
  ...overrides,
});

const setup = (credentials: B24OAuthCredentials, ...replies: Parameters<typeof fakeTransport>) => {
  const secrets = memorySecrets({ [B24_CREDENTIALS_KEY]: credentials });
  const fake = fakeTransport(...replies);
  const auth = createB24Auth({ secrets, transport: fake.transport, clock: fixedClock(NOW) });
  return { secrets, requests: fake.requests, b24: createB24Client(auth, fake.transport, fixedClock(NOW)) };
};

describe('Bitrix24 OAuth', () => {
  it('calls the portal with the access token in the body, never in the URL', async () => {
    const { b24, requests } = setup(oauth(), reply(200, { result: TASK }));
    await b24.getTask('8157');
    expect(requests[0]?.url).toBe('https://portal.bitrix24.com/rest/tasks.task.get');
    expect(requests[0]?.json).toMatchObject({ auth: 'old-access', taskId: '8157' });
  });

  it('on expired_token refreshes at oauth.bitrix.info, stores the rotated refresh token and retries once', async () => {
    const { b24, requests, secrets } = setup(
      oauth(),
      reply(401, EXPIRED),
      reply(200, REFRESHED),
      reply(200, { result: TASK }),
    );
    await expect(b24.getTask('8157')).resolves.toMatchObject({ id: '8157' });
    expect(requests[1]?.url).toBe(
      'https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_id=app.573ad8a0346747.09223434&client_secret=client-secret&refresh_token=old-refresh',
    );
    expect(requests[2]?.json).toMatchObject({ auth: REFRESHED.access_token });
    expect(secrets.data.get(B24_CREDENTIALS_KEY)).toMatchObject({
      accessToken: REFRESHED.access_token,
      refreshToken: REFRESHED.refresh_token,
      expiresAt: REFRESHED.expires * 1000,
    });
  });

  it('refreshes before calling when the stored token has already expired', async () => {
    const { b24, requests } = setup(oauth({ expiresAt: NOW - 1 }), reply(200, REFRESHED), reply(200, { result: TASK }));
    await b24.getTask('8157');
    expect(requests.map((r) => new URL(r.url).hostname)).toEqual(['oauth.bitrix.info', 'portal.bitrix24.com']);
  });

  it('gives up as unauthorized when the token is refused again after a refresh', async () => {
    const { b24 } = setup(oauth(), reply(401, EXPIRED), reply(200, REFRESHED), reply(401, EXPIRED));
    await expect(b24.getTask('8157')).rejects.toMatchObject({ reason: 'unauthorized', code: 'b24:expired_token' });
  });

  it('reports PAYMENT_REQUIRED from the OAuth server as permanent', async () => {
    const { b24 } = setup(
      oauth(),
      reply(401, EXPIRED),
      reply(402, fixtureJson('b24/oauth/oauth.PAYMENT_REQUIRED.json')),
    );
    await expect(b24.getTask('8157')).rejects.toMatchObject({ reason: 'payment-required', retryable: false });
  });

  it('makes one refresh for concurrent calls that all hit expired_token', async () => {
    const secrets = memorySecrets({ [B24_CREDENTIALS_KEY]: oauth() });
    let refreshes = 0;
    const transport = (url: string, init: HttpRequestInit): Promise<HttpReply> => {
      if (url.startsWith('https://oauth.bitrix.info/')) {
        refreshes += 1;
        return Promise.resolve(reply(200, REFRESHED));
      }
      const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as { auth: string };
      return Promise.resolve(body.auth === REFRESHED.access_token ? reply(200, { result: TASK }) : reply(401, EXPIRED));
    };
    const auth = createB24Auth({ secrets, transport, clock: fixedClock(NOW) });
    const b24 = createB24Client(auth, transport, fixedClock(NOW));
    const tasks = await Promise.all([b24.getTask('1'), b24.getTask('2'), b24.getTask('3')]);
    expect(tasks.every((t) => t?.id === '8157')).toBe(true);
    expect(refreshes).toBe(1);
    expect(secrets.data.get(B24_CREDENTIALS_KEY)).toMatchObject({ refreshToken: REFRESHED.refresh_token });
  });

  it('adopts the tokens another invocation stored instead of rotating again', async () => {
    const { b24, secrets, requests } = setup(
      oauth(),
      reply(200, { result: TASK }),
      reply(401, EXPIRED),
      reply(200, { result: TASK }),
    );
    await b24.getTask('8157');
    // Another invocation refreshed while this one held the old access token.
    await secrets.set(B24_CREDENTIALS_KEY, oauth({ accessToken: 'their-access', refreshToken: 'their-refresh' }));
    await b24.getTask('8157');
    expect(requests.map((r) => r.url)).not.toContain(expect.stringContaining('oauth.bitrix.info'));
    expect(requests[1]?.json).toMatchObject({ auth: 'old-access' });
    expect(requests[2]?.json).toMatchObject({ auth: 'their-access' });
    expect(secrets.data.get(B24_CREDENTIALS_KEY)).toMatchObject({ refreshToken: 'their-refresh' });
  });

  it('keeps the rotated token of a concurrent refresh when ours is refused for the already-used refresh token', async () => {
    const secrets = memorySecrets({ [B24_CREDENTIALS_KEY]: oauth({ expiresAt: NOW - 1 }) });
    let calls = 0;
    const transport = async (url: string): Promise<HttpReply> => {
      calls += 1;
      if (url.startsWith('https://oauth.bitrix.info/')) {
        // The other invocation won: it stored new tokens, and the server refuses our now-stale refresh token.
        await secrets.set(B24_CREDENTIALS_KEY, oauth({ accessToken: 'their-access', refreshToken: 'their-refresh' }));
        return reply(400, { error: 'invalid_grant', error_description: 'Invalid grant' });
      }
      return reply(200, { result: TASK });
    };
    const auth = createB24Auth({ secrets, transport, clock: fixedClock(NOW) });
    await expect(auth.endpoint()).resolves.toMatchObject({ accessToken: 'their-access' });
    expect(calls).toBe(1);
    expect(secrets.data.get(B24_CREDENTIALS_KEY)).toMatchObject({ refreshToken: 'their-refresh' });
  });

  it('refuses when nothing is connected or the stored secret is malformed', async () => {
    const fake = fakeTransport();
    const none = createB24Auth({ secrets: memorySecrets(), transport: fake.transport, clock: fixedClock(NOW) });
    await expect(none.endpoint()).rejects.toMatchObject({ reason: 'unauthorized', code: 'b24:not-connected' });
    const bad = createB24Auth({
      secrets: memorySecrets({ [B24_CREDENTIALS_KEY]: { mode: 'webhook', webhookUrl: 'http://x/rest/1/s/' } }),
      transport: fake.transport,
      clock: fixedClock(NOW),
    });
    await expect(bad.endpoint()).rejects.toMatchObject({ reason: 'invalid-reply' });
  });
});
