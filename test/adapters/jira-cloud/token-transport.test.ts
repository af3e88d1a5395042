/**
 * The API-token transport: Basic auth to the validated site, nothing else; deadlines, refused redirects and the
 * call counter. A fake fetch stands in for the network because the network's behaviour is the point here.
 */
import { createJiraClient } from '../../../src/adapters/jira/client';
import { createCallCounter, type FetchLike } from '../../../src/adapters/jira-cloud/fetch';
import { validateJiraSiteUrl } from '../../../src/adapters/jira-cloud/site-url';
import { createJiraTokenTransport } from '../../../src/adapters/jira-cloud/token-transport';
import { learnServiceAccount, readServiceAccount } from '../../../src/adapters/jira-cloud/service-account';
import { memoryStore } from './memory';
import { PermanentError, RetryableError } from '../../../src/core/errors';

const clock = { now: () => 0 };
const seen: { url: string; init: RequestInit }[] = [];
const replying =
  (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike =>
  (url, init) => {
    seen.push({ url, init });
    return Promise.resolve(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
    );
  };

beforeEach(() => {
  seen.length = 0;
});

describe('the Jira site address', () => {
  it.each([
    ['https://acme.atlassian.net', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/', 'https://acme.atlassian.net'],
    [' https://ACME.atlassian.net ', 'https://acme.atlassian.net'],
  ])('accepts %s as %s', (input, origin) => {
    expect(validateJiraSiteUrl(input)).toBe(origin);
  });

  it.each([
    ['http://acme.atlassian.net', 'must use https'],
    ['https://acme.atlassian.net.evil.example', 'must be a Jira Cloud site under atlassian.net'],
    ['https://evil.example/acme.atlassian.net', 'must be a Jira Cloud site under atlassian.net'],
    ['https://user:pw@acme.atlassian.net', 'must not contain credentials'],
    ['https://acme.atlassian.net/jira', 'must not contain a path'],
    ['https://acme.atlassian.net:8443', 'must not name a port'],
    ['https://acme.atlassian.net/?x=1', 'must not contain a query'],
    ['acme', 'is not a URL'],
    ['http://127.0.0.1:8080/jira', 'must use https'],
  ])('refuses %s: %s', (input, why) => {
    expect(() => validateJiraSiteUrl(input)).toThrow(
      expect.objectContaining({ reason: 'validation', message: expect.stringContaining(why) as unknown }),
    );
  });

  it('lets the sandbox point at the emulator on loopback only when asked', () => {
    expect(validateJiraSiteUrl('http://127.0.0.1:8080/jira/', { allowLoopback: true })).toBe(
      'http://127.0.0.1:8080/jira',
    );
    expect(() => validateJiraSiteUrl('http://10.0.0.1/jira', { allowLoopback: true })).toThrow(PermanentError);
  });
});

describe('a call with an API token', () => {
  it('sends Basic e-mail:token to the site, refuses redirects, and learns the service account from /myself', async () => {
    const transport = createJiraTokenTransport({
      siteUrl: 'https://acme.atlassian.net',
      email: 'svc@example.com',
      apiToken: 'tok-1',
      fetch: replying(200, { accountId: 'svc-1', displayName: 'Sync bot' }),
    });
    const kv = memoryStore();
    expect(await learnServiceAccount(transport, kv, clock)).toEqual({
      accountId: 'svc-1',
      displayName: 'Sync bot',
      learnedAt: 0,
    });
    expect(await readServiceAccount(kv)).toEqual({ accountId: 'svc-1', displayName: 'Sync bot', learnedAt: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('https://acme.atlassian.net/rest/api/3/myself');
    expect(seen[0]?.init.redirect).toBe('manual');
    expect((seen[0]?.init.headers as Record<string, string>).Authorization).toBe(
      `Basic ${Buffer.from('svc@example.com:tok-1').toString('base64')}`,
    );
  });

  it('turns a redirect into a permanent error naming the site address, without following it', async () => {
    const transport = createJiraTokenTransport({
      siteUrl: 'https://acme.atlassian.net',
      email: 'svc@example.com',
      apiToken: 't',
      fetch: replying(302, '', { location: 'https://elsewhere.example/' }),
    });
    await expect(transport('/rest/api/3/myself', { method: 'GET' })).rejects.toThrow(
      expect.objectContaining({
        reason: 'invalid-request',
        message: expect.stringContaining('check the configured site address') as unknown,
      }),
    );
    expect(seen).toHaveLength(1);
  });

  it('refuses a path that would leave the site', async () => {
    const transport = createJiraTokenTransport({
      siteUrl: 'https://acme.atlassian.net',
      email: 'svc@example.com',
      apiToken: 't',
      fetch: replying(200, {}),
    });
    await expect(transport('//evil.example/x', { method: 'GET' })).rejects.toThrow(PermanentError);
    expect(seen).toHaveLength(0);
  });

  it('gives up after its deadline with a retryable timeout', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
      );
    const counter = createCallCounter();
    const transport = createJiraTokenTransport({
      siteUrl: 'https://acme.atlassian.net',
      email: 'svc@example.com',
      apiToken: 't',
      fetch: hanging,
      timeoutMs: 20,
      onCall: counter.onCall,
    });
    await expect(createJiraClient(transport, { clock }).getIssue('DEMO-1')).rejects.toThrow(
      expect.objectContaining({ reason: 'timeout' }),
    );
    expect(counter.snapshot()).toEqual({ calls: 1, rateLimited: 0, failures: 1 });
  });

  it('counts calls and 429s for the metrics, and a 429 stays retryable with its Retry-After', async () => {
    const counter = createCallCounter();
    const transport = createJiraTokenTransport({
      siteUrl: 'https://acme.atlassian.net',
      email: 'svc@example.com',
      apiToken: 't',
      fetch: replying(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '7' }),
      onCall: counter.onCall,
    });
    const error: unknown = await createJiraClient(transport, { clock })
      .getIssue('DEMO-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(7000);
    expect(counter.snapshot()).toEqual({ calls: 1, rateLimited: 1, failures: 0 });
  });

  it('refuses empty credentials before any call', () => {
    expect(() =>
      createJiraTokenTransport({ siteUrl: 'https://acme.atlassian.net', email: 'svc@example.com', apiToken: ' ' }),
    ).toThrow(/API token is empty/);
    expect(() =>
      createJiraTokenTransport({ siteUrl: 'https://acme.atlassian.net', email: 'svc', apiToken: 't' }),
    ).toThrow(/not an e-mail/);
  });
});
