/**
 * OAuth 2.0 (3LO) against a fake Atlassian: the gateway base, Bearer tokens, and refresh-token rotation (each
 * refresh retires the refresh token it used, as Atlassian's do), with failures reported as health.
 */
import type { FetchLike } from '../../../src/adapters/jira-cloud/fetch';
import { JIRA_OAUTH_TOKENS_KEY } from '../../../src/adapters/jira-cloud/oauth-tokens';
import { createJiraOAuthTransport } from '../../../src/adapters/jira-cloud/oauth-transport';
import { OAuthRefreshHealth } from '../../../src/app/health/oauth-refresh';
import { keys } from '../../../src/app/store/keys';
import { PermanentError } from '../../../src/core/errors';
import { memoryStore } from './memory';

const CLOUD_ID = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const HOUR = 3_600_000;

/** A fake auth.atlassian.com + api.atlassian.com: one live refresh token, one live access token at a time. */
function atlassian() {
  let live = { refresh: 'r0', access: 'a0', generation: 0 };
  const calls: string[] = [];
  let revokeAccess = false;
  const fetch: FetchLike = async (url, init) => {
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url === 'https://auth.atlassian.com/oauth/token') {
      const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as Record<string, string>;
      calls.push(`refresh ${body.refresh_token}`);
      await Promise.resolve();
      if (body.client_secret !== 'shh' || body.grant_type !== 'refresh_token')
        return json(401, { error: 'access_denied', error_description: 'Unauthorized' });
      if (body.refresh_token !== live.refresh)
        return json(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      const generation = live.generation + 1;
      live = { refresh: `r${generation}`, access: `a${generation}`, generation };
      revokeAccess = false;
      return json(200, {
        access_token: live.access,
        refresh_token: live.refresh,
        expires_in: 3600,
        scope: 'read:jira-work offline_access',
        token_type: 'Bearer',
      });
    }
    const auth = (init.headers as Record<string, string>).Authorization;
    calls.push(`${init.method} ${url} ${auth}`);
    if (!url.startsWith(`https://api.atlassian.com/ex/jira/${CLOUD_ID}/`)) return json(404, {});
    if (revokeAccess || auth !== `Bearer ${live.access}`) return json(401, { code: 401, message: 'Unauthorized' });
    return json(200, { accountId: 'svc-1' });
  };
  return { fetch, calls, revoke: () => void (revokeAccess = true), live: () => live };
}

function setup(now = 0) {
  const site = atlassian();
  const secrets = memoryStore();
  const outcomes: unknown[] = [];
  const clock = { now: () => now };
  const transport = createJiraOAuthTransport({
    cloudId: CLOUD_ID,
    clientId: 'cid',
    clientSecret: 'shh',
    secrets,
    clock,
    fetch: site.fetch,
    onRefreshOutcome: (o) => Promise.resolve(void outcomes.push(o.ok ? 'ok' : (o.error as PermanentError).code)),
  });
  return { site, secrets, outcomes, transport, clock };
}

const store = (
  secrets: ReturnType<typeof memoryStore>,
  tokens: { accessToken: string; refreshToken: string; expiresAt: number },
) => secrets.set(JIRA_OAUTH_TOKENS_KEY, tokens);

describe('a Jira call as an OAuth 2.0 app', () => {
  it('goes through the API gateway with the stored access token while it is fresh', async () => {
    const { site, secrets, transport } = setup();
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    expect((await transport('/rest/api/3/myself', { method: 'GET' })).status).toBe(200);
    expect(site.calls).toEqual([`GET https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/myself Bearer a0`]);
  });

  it('refreshes an expiring token first and stores the rotated pair in one write', async () => {
    const { site, secrets, transport, outcomes } = setup(HOUR - 30_000);
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    await transport('/rest/api/3/myself', { method: 'GET' });
    expect(site.calls).toEqual([
      'refresh r0',
      `GET https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/myself Bearer a1`,
    ]);
    expect(secrets.data.get(JIRA_OAUTH_TOKENS_KEY)).toEqual({
      accessToken: 'a1',
      refreshToken: 'r1',
      expiresAt: HOUR - 30_000 + HOUR,
    });
    expect(outcomes).toEqual(['ok']);
  });

  it('shares one refresh between calls made at once, so the retired refresh token is never sent again', async () => {
    const { site, secrets, transport } = setup(2 * HOUR);
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    await Promise.all([1, 2, 3].map(() => transport('/rest/api/3/myself', { method: 'GET' })));
    expect(site.calls.filter((c) => c.startsWith('refresh'))).toEqual(['refresh r0']);
  });

  it('refreshes once after a 401 (a revoked token) and sends the request again', async () => {
    const { site, secrets, transport } = setup();
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    site.revoke();
    expect((await transport('/rest/api/3/myself', { method: 'GET' })).status).toBe(200);
    expect(site.calls).toEqual([
      `GET https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/myself Bearer a0`,
      'refresh r0',
      `GET https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/myself Bearer a1`,
    ]);
  });

  it('adopts the pair another instance stored when its own refresh loses the race', async () => {
    const { site, secrets, transport, outcomes } = setup(2 * HOUR);
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    const original = secrets.get.bind(secrets);
    let reads = 0;
    secrets.get = async (key) => {
      reads += 1;
      const seen = await original(key);
      // Right after this instance read r0 for its refresh, another instance rotates r0 at Atlassian and stores r1.
      if (reads === 2) {
        await site.fetch('https://auth.atlassian.com/oauth/token', {
          method: 'POST',
          body: JSON.stringify({ grant_type: 'refresh_token', client_secret: 'shh', refresh_token: 'r0' }),
        });
        await store(secrets, { accessToken: 'a1', refreshToken: 'r1', expiresAt: 3 * HOUR });
      }
      return seen;
    };
    expect((await transport('/rest/api/3/myself', { method: 'GET' })).status).toBe(200);
    expect(site.calls.filter((c) => c.startsWith('refresh'))).toEqual(['refresh r0', 'refresh r0']);
    expect(site.calls.at(-1)).toBe(`GET https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/myself Bearer a1`);
    expect(secrets.data.get(JIRA_OAUTH_TOKENS_KEY)).toEqual({
      accessToken: 'a1',
      refreshToken: 'r1',
      expiresAt: 3 * HOUR,
    });
    expect(outcomes).toEqual([]);
  });

  it('reports a grant that is gone as refresh health and fails permanently, asking to connect again', async () => {
    const { secrets, transport, outcomes } = setup(2 * HOUR);
    await store(secrets, { accessToken: 'a0', refreshToken: 'stale', expiresAt: HOUR });
    const error: unknown = await transport('/rest/api/3/myself', { method: 'GET' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({
      reason: 'unauthorized',
      code: 'jira:oauth-invalid_grant',
      message: expect.stringContaining('connect Jira again') as unknown,
    });
    expect(outcomes).toEqual(['jira:oauth-invalid_grant']);
    expect(secrets.data.get(JIRA_OAUTH_TOKENS_KEY)).toEqual({
      accessToken: 'a0',
      refreshToken: 'stale',
      expiresAt: HOUR,
    });
  });

  it('refuses a cloud id that is not one, before any call', () => {
    expect(() =>
      createJiraOAuthTransport({
        cloudId: 'acme.atlassian.net',
        clientId: 'c',
        clientSecret: 's',
        secrets: memoryStore(),
        clock: { now: () => 0 },
      }),
    ).toThrow(/not a UUID/);
  });
});

describe('the Jira OAuth refresh health', () => {
  it('keeps its own record beside Bitrix24’s: set by a refused refresh, cleared by the next good one', async () => {
    const site = atlassian();
    const secrets = memoryStore();
    const kv = memoryStore();
    let now = 2 * HOUR;
    const clock = { now: () => now };
    const health = new OAuthRefreshHealth(kv, clock, keys.jiraOAuthRefreshFailure());
    const transport = createJiraOAuthTransport({
      cloudId: CLOUD_ID,
      clientId: 'cid',
      clientSecret: 'shh',
      secrets,
      clock,
      fetch: site.fetch,
      onRefreshOutcome: health.record,
    });
    await store(secrets, { accessToken: 'a0', refreshToken: 'stale', expiresAt: HOUR });
    await expect(transport('/rest/api/3/myself', { method: 'GET' })).rejects.toThrow(PermanentError);
    expect(await health.get()).toEqual({ since: 2 * HOUR, lastAt: 2 * HOUR, code: 'jira:oauth-invalid_grant' });
    expect(await new OAuthRefreshHealth(kv, clock).get()).toBeNull();
    now += 1000;
    await store(secrets, { accessToken: 'a0', refreshToken: 'r0', expiresAt: HOUR });
    await transport('/rest/api/3/myself', { method: 'GET' });
    expect(await health.get()).toBeNull();
  });
});
