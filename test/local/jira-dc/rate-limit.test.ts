/**
 * Data Center's per-user token bucket ("Improving instance stability with rate limiting", "Adjusting your code for
 * rate limiting"): off by default; when on, every authenticated REST reply carries the bucket's headers, an empty
 * bucket answers 429 with the seconds to the next batch of tokens, and each user has a bucket of their own.
 */
import { call, newDc } from './call';

const LIMIT = { maxRequests: 3, fillRate: 2, intervalSeconds: 5 };

describe('Jira Data Center rate limiting', () => {
  it('sends no rate-limit headers while limiting is off (the default)', async () => {
    const { jira } = newDc();
    const token = jira.createPat('anna.schmidt', 't').token;
    const reply = await call(jira, 'GET', '/rest/api/2/myself', { token });
    expect(reply.headers.get('X-RateLimit-Limit')).toBeNull();
  });

  it('spends a token per request, says so in the headers, and answers 429 once the bucket is empty', async () => {
    const { jira } = newDc();
    jira.setRateLimit(LIMIT);
    const token = jira.createPat('anna.schmidt', 't').token;
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++)
      remaining.push((await call(jira, 'GET', '/rest/api/2/myself', { token })).headers.get('X-RateLimit-Remaining'));
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await call(jira, 'GET', '/rest/api/2/myself', { token });
    expect(refused.status).toBe(429);
    expect(Object.fromEntries(refused.headers)).toMatchObject({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-interval-seconds': '5',
      'x-ratelimit-fillrate': '2',
      'retry-after': '5',
    });
  });

  it('refills the bucket by a batch each interval, never beyond its size', async () => {
    const { jira, clock } = newDc();
    jira.setRateLimit(LIMIT);
    const token = jira.createPat('anna.schmidt', 't').token;
    for (let i = 0; i < 3; i++) await call(jira, 'GET', '/rest/api/2/myself', { token });
    clock.advance(4_999);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token })).headers.get('Retry-After')).toBe('1');
    clock.advance(1);
    const next = await call(jira, 'GET', '/rest/api/2/myself', { token });
    expect(next.status).toBe(200);
    expect(next.headers.get('X-RateLimit-Remaining')).toBe('1');
    expect(next.headers.get('Retry-After')).toBe('0');
    clock.advance(60_000);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token })).headers.get('X-RateLimit-Remaining')).toBe('2');
  });

  it('keeps one bucket per user', async () => {
    const { jira } = newDc();
    jira.setRateLimit({ ...LIMIT, maxRequests: 1 });
    const anna = jira.createPat('anna.schmidt', 't').token;
    const ben = jira.createPat('ben.carter', 't').token;
    await call(jira, 'GET', '/rest/api/2/myself', { token: anna });
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token: anna })).status).toBe(429);
    expect((await call(jira, 'GET', '/rest/api/2/myself', { token: ben })).status).toBe(200);
  });
});
