/**
 * GET /rest/api/3/users/search ("Get all users") as the spec documents it: every account, app accounts included,
 * paged by `startAt` and `maxResults` (limited to 1000), hidden e-mails absent, only for holders of "Browse users and
 * groups" (403 otherwise).
 */
import { ALICE, APP_ID, aSeed, aSite, asUser, BOB, HIDDEN, VERA } from './builders';

const ids = (users: { accountId: string }[]): string[] => users.map((u) => u.accountId);

describe('the all-users listing', () => {
  it('lists every account in pages from startAt, the app account too, and hides what profiles hide', async () => {
    const site = aSite();
    const first = await site.json<{ accountId: string; accountType: string; emailAddress?: string }[]>(
      'GET',
      '/rest/api/3/users/search?maxResults=2',
    );
    const rest = await site.json<{ accountId: string; accountType: string }[]>(
      'GET',
      '/rest/api/3/users/search?startAt=2&maxResults=2',
    );
    const past = await site.json<unknown[]>('GET', '/rest/api/3/users/search?startAt=4&maxResults=2');
    expect([...ids(first), ...ids(rest), ...ids(past as { accountId: string }[])]).toEqual([
      ALICE,
      BOB,
      HIDDEN,
      VERA,
      APP_ID,
    ]);
    expect(first[0]).toMatchObject({ accountType: 'atlassian', emailAddress: 'alice@example.com' });
    expect(
      (
        await site.json<{ accountId: string; emailAddress?: string }[]>(
          'GET',
          '/rest/api/3/users/search?startAt=2&maxResults=1',
        )
      )[0],
    ).not.toHaveProperty('emailAddress');
    expect((past as { accountType: string }[]).at(-1)?.accountType).toBe('app');
  });

  it('answers 50 by default and at most 1000, whatever maxResults asks', async () => {
    const many = Array.from({ length: 1100 }, (_, i) => ({
      accountId: `acc-${i}`,
      displayName: `Person ${i}`,
      email: `p${i}@example.com`,
    }));
    const site = aSite({ seed: aSeed({ users: many }) });
    expect(await site.json<unknown[]>('GET', '/rest/api/3/users/search')).toHaveLength(50);
    expect(await site.json<unknown[]>('GET', '/rest/api/3/users/search?maxResults=5000')).toHaveLength(1000);
  });

  it('refuses paging values that are not non-negative integers', async () => {
    const site = aSite();
    for (const query of ['startAt=-1', 'maxResults=abc', 'startAt=1.5', 'maxResults=']) {
      expect((await site.call('GET', `/rest/api/3/users/search?${query}`)).status).toBe(400);
    }
  });

  it('is forbidden to a person without the Browse users and groups global permission', async () => {
    const seed = aSeed();
    const bob = seed.users.find((u) => u.accountId === BOB);
    if (bob) bob.globalPermissions = ['USER_PICKER'];
    const site = aSite({ seed });
    expect((await site.call('GET', '/rest/api/3/users/search', undefined, asUser(ALICE))).status).toBe(403);
    expect((await site.call('GET', '/rest/api/3/users/search', undefined, asUser(BOB))).status).toBe(200);
  });
});
