/**
 * Jira Cloud's points-based hourly quota for apps (Tier 1, 65,000 points per UTC hour), as the "Rate limiting" page
 * states it: point costs per request, the 429 with its headers at the exact boundary, and the reset at the top of
 * the hour on the emulator's clock.
 */
import { ManualClock } from '../../../src/local/contracts';
import { defaultJiraLimits } from '../../../src/local/jira/limits';
import { JiraPointsQuota, pointsFor } from '../../../src/local/jira/quota';
import { JiraHttpError } from '../../../src/local/jira/errors';
import { aSite, basic } from './builders';

/** The ManualClock starts at 2026-11-02T09:00:00Z, the top of an hour. */
const START = Date.UTC(2026, 10, 2, 9, 0, 0);

describe('the points each request costs', () => {
  it('charges a write its base point only, a bulk create included', () => {
    expect(pointsFor('POST', '/rest/api/3/issue', 201, { id: '1' })).toBe(1);
    expect(pointsFor('POST', '/rest/api/3/issue/bulk', 201, { issues: [{}, {}, {}] })).toBe(1);
    expect(pointsFor('PUT', '/rest/api/3/issue/1', 204, null)).toBe(1);
    expect(pointsFor('DELETE', '/rest/api/3/issue/1', 204, null)).toBe(1);
  });

  it('charges a read 1 + 1 per core object and 1 + 2 per identity object', () => {
    expect(pointsFor('GET', '/rest/api/3/issue/ABC-123', 200, { id: '1', fields: {} })).toBe(2);
    expect(pointsFor('POST', '/rest/api/3/search/jql', 200, { issues: [{}, {}, {}] })).toBe(4);
    expect(
      pointsFor(
        'GET',
        '/rest/api/3/user/assignable/search',
        200,
        Array.from({ length: 8 }, () => ({})),
      ),
    ).toBe(17);
    expect(pointsFor('GET', '/rest/api/3/myself', 200, { accountId: 'x' })).toBe(3);
    expect(pointsFor('GET', '/rest/api/3/issue/1/comment', 200, { comments: [{}, {}] })).toBe(3);
  });

  it('charges a refused request its base point', () => {
    expect(pointsFor('GET', '/rest/api/3/issue/NOPE-1', 404, null)).toBe(1);
  });
});

describe('the hourly quota at its default, 65,000 points', () => {
  it('is the lowest tier of the docs', () => {
    expect(defaultJiraLimits.quotaPointsPerHour).toBe(65_000);
  });

  it('admits while a point is left and refuses once all 65,000 are spent, until the top of the next UTC hour', () => {
    const clock = new ManualClock(START + 20 * 60_000);
    const quota = new JiraPointsQuota(clock, defaultJiraLimits.quotaPointsPerHour);
    quota.charge(64_999);
    expect(() => quota.admit()).not.toThrow();
    quota.charge(1);
    const refused = (() => {
      try {
        quota.admit();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(JiraHttpError);
    expect((refused as JiraHttpError).status).toBe(429);
    expect((refused as JiraHttpError).headers).toMatchObject({
      'Retry-After': '2400',
      'RateLimit-Reason': 'jira-quota-global-based',
    });
    clock.advance(40 * 60_000 - 1);
    expect(() => quota.admit()).toThrow(JiraHttpError);
    clock.advance(1);
    expect(() => quota.admit()).not.toThrow();
    expect(quota.remaining()).toBe(65_000);
  });
});

describe('the emulated site under a small quota', () => {
  it('counts the app’s requests, answers the documented 429 past the quota and lets the app in again at the top of the hour', async () => {
    const site = aSite({ limits: { quotaPointsPerHour: 6 } });
    site.clock.advance(59 * 60_000 + 30_000); // 09:59:30
    const { id } = await site.createIssue(); // 1 point
    expect((await site.call('GET', `/rest/api/3/issue/${id}`)).status).toBe(200); // 2 points: 3
    expect(site.jira.quotaRemaining()).toBe(3);
    expect((await site.call('GET', `/rest/api/3/issue/${id}`)).status).toBe(200); // 5
    expect((await site.call('GET', '/rest/api/3/myself')).status).toBe(200); // admitted with 1 left: 8

    const refused = await site.call('GET', `/rest/api/3/issue/${id}`);
    expect(refused.status).toBe(429);
    expect(
      Object.fromEntries(
        [
          'Retry-After',
          'RateLimit-Reason',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'RateLimit-Policy',
          'RateLimit',
        ].map((h) => [h, refused.headers.get(h)]),
      ),
    ).toEqual({
      'Retry-After': '30',
      'RateLimit-Reason': 'jira-quota-global-based',
      'X-RateLimit-Limit': '6',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-11-02T10:00Z',
      'RateLimit-Policy': '"global-app-quota";q=6;w=3600',
      RateLimit: '"global-app-quota";r=0;t=30',
    });
    expect(await refused.json()).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    // Writes and asUser calls are refused alike: the pool is the app's.
    expect((await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'x' } })).status).toBe(429);
    // A person's API-token traffic is not the app's.
    expect(
      (await site.call('GET', `/rest/api/3/issue/${id}`, undefined, null, basic('alice@example.com'))).status,
    ).toBe(200);

    site.clock.advance(29_999);
    expect((await site.call('GET', `/rest/api/3/issue/${id}`)).status).toBe(429);
    site.clock.advance(1);
    expect((await site.call('GET', `/rest/api/3/issue/${id}`)).status).toBe(200);
    expect(site.jira.quotaRemaining()).toBe(4);
  });

  it('refuses not one request early: with exactly one point left, a write goes through', async () => {
    const site = aSite({ limits: { quotaPointsPerHour: 3 } });
    await site.createIssue();
    await site.createIssue();
    expect(site.jira.quotaRemaining()).toBe(1);
    expect(
      (
        await site.call('POST', '/rest/api/3/issue', {
          fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'third' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await site.call('POST', '/rest/api/3/issue', {
          fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'fourth' },
        })
      ).status,
    ).toBe(429);
  });

  it('reports the policy on every answer, and the points left with NearLimit under 20 %', async () => {
    const site = aSite({ limits: { quotaPointsPerHour: 10 } });
    const first = await site.call('GET', '/rest/api/3/myself'); // 3 points: 7 left
    expect(first.headers.get('RateLimit-Policy')).toBe('"global-app-quota";q=10;w=3600');
    expect(first.headers.get('RateLimit')).toBe('"global-app-quota";t=3600');
    expect(first.headers.get('X-RateLimit-NearLimit')).toBeNull();
    await site.call('GET', '/rest/api/3/myself'); // 4 left
    const near = await site.call('GET', '/rest/api/3/myself'); // 1 left
    expect(near.headers.get('X-RateLimit-NearLimit')).toBe('true');
    expect(near.headers.get('RateLimit')).toBe('"global-app-quota";r=1;t=3600');
  });
});
