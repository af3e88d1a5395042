/**
 * Who Jira Data Center lets in ("Using Personal Access Tokens"; "Basic authentication" of the Data Center developer
 * docs): a PAT as `Authorization: Bearer`, until it expires or is revoked; Basic auth with a user's password;
 * anonymous callers only where Jira answers them (serverInfo).
 */
import { call, newDc } from './call';

const DAY = 24 * 3600 * 1000;

describe('Jira Data Center authentication', () => {
  it('accepts a personal access token until its expiry, then answers 401', async () => {
    const { jira, clock } = newDc();
    const { token } = jira.createPat('anna.schmidt', 'short-lived', 1);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token })).status).toBe(200);
    clock.advance(DAY);
    const expired = await call(jira, 'GET', '/rest/api/2/myself', { token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('X-Seraph-LoginReason')).toBe('AUTHENTICATED_FAILED');
    expect(expired.body).toEqual({
      errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
      errors: {},
    });
  });

  it('refuses a revoked token', async () => {
    const { jira } = newDc();
    const { id, token } = jira.createPat('anna.schmidt', 'revoked');
    jira.revokePat(id);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token })).status).toBe(401);
  });

  it('creates a token over REST, shown once, which then authenticates as its owner', async () => {
    const { jira } = newDc();
    jira.setPassword('chloe.dubois', 's3cret');
    const created = await call(jira, 'POST', '/rest/pat/latest/tokens', {
      basic: 'chloe.dubois:s3cret',
      body: { name: 'sync', expirationDuration: 90 },
    });
    expect(created.status).toBe(201);
    const { rawToken, expiringAt } = created.body as { rawToken: string; expiringAt: string };
    expect(expiringAt).toBe('2027-01-31T09:00:00.000+0000');
    const me = await call(jira, 'GET', '/rest/api/2/myself', { token: rawToken });
    expect((me.body as { name: string }).name).toBe('chloe.dubois');
    const listed = await call(jira, 'GET', '/rest/pat/latest/tokens', { token: rawToken });
    expect(JSON.stringify(listed.body)).not.toContain(rawToken);
  });

  it('accepts Basic auth with the user name and password only', async () => {
    const { jira } = newDc();
    jira.setPassword('anna.schmidt', 'right');
    expect((await call(jira, 'GET', '/rest/api/2/myself', { basic: 'anna.schmidt:right' })).status).toBe(200);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { basic: 'anna.schmidt:wrong' })).status).toBe(401);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { basic: 'anna.schmidt@example.com:right' })).status).toBe(
      401,
    );
  });

  it('answers serverInfo anonymously and refuses anonymous issue reads', async () => {
    const { jira } = newDc();
    const info = await call(jira, 'GET', '/rest/api/2/serverInfo');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ version: '10.3.0', deploymentType: 'Server' });
    const anonymous = await call(jira, 'GET', '/rest/api/2/search?jql=project%20%3D%20DEMO');
    expect(anonymous.status).toBe(401);
  });
});
