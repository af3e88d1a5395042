/**
 * GET /rest/api/3/user/email/bulk as Atlassian documents it: every person's address whatever their profile
 * visibility, for the app's own (asApp) calls only; a person's Basic auth or an asUser call is refused with 401.
 */
import { ALICE, aSite, asUser, basic, HIDDEN } from './builders';

const PATH = `/rest/api/3/user/email/bulk?accountId=${encodeURIComponent(HIDDEN)}&accountId=${encodeURIComponent(ALICE)}&accountId=nobody`;

describe('the bulk e-mail endpoint', () => {
  it('gives the app every known address, hidden ones included, and leaves unknown accounts out', async () => {
    const site = aSite();
    expect(await site.json('GET', PATH)).toEqual([
      { accountId: HIDDEN, email: 'hana@example.com' },
      { accountId: ALICE, email: 'alice@example.com' },
    ]);
    // The same person's profile still hides it.
    expect(await site.json('GET', `/rest/api/3/user?accountId=${encodeURIComponent(HIDDEN)}`)).not.toHaveProperty(
      'emailAddress',
    );
  });

  it('refuses a person, whether over Basic auth or through asUser', async () => {
    const site = aSite();
    expect((await site.call('GET', PATH, undefined, null, basic('alice@example.com'))).status).toBe(401);
    expect((await site.call('GET', PATH, undefined, asUser(ALICE))).status).toBe(401);
  });

  it('needs at least one accountId and at most 128', async () => {
    const site = aSite();
    expect((await site.call('GET', '/rest/api/3/user/email/bulk')).status).toBe(400);
    const many = Array.from({ length: 129 }, (_, i) => `accountId=a${i}`).join('&');
    expect((await site.call('GET', `/rest/api/3/user/email/bulk?${many}`)).status).toBe(400);
  });
});
