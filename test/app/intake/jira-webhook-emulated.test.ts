/**
 * Loop prevention without Forge's ignoreSelf, end to end against the emulated Jira: the service writes with its own
 * API token (or as an OAuth app), Jira's webhook comes back, and intake drops it by the account id learned from
 * /myself; the same edit by a person is queued. In OAuth mode the daily upkeep keeps the dynamic webhook alive.
 */
import { defaultConfig } from '../../../src/core/config';
import { storesOf } from '../../../src/app/store/stores';
import { memoryDeps, recordingQueue } from '../memory-ports';
import { createDynamicWebhookApi } from '../../../src/adapters/jira-cloud/dynamic-webhooks';
import type { FetchLike } from '../../../src/adapters/jira-cloud/fetch';
import { JIRA_OAUTH_TOKENS_KEY } from '../../../src/adapters/jira-cloud/oauth-tokens';
import { createJiraOAuthTransport } from '../../../src/adapters/jira-cloud/oauth-transport';
import { learnServiceAccount, readServiceAccount } from '../../../src/adapters/jira-cloud/service-account';
import { createJiraTokenTransport } from '../../../src/adapters/jira-cloud/token-transport';
import { createJiraClient } from '../../../src/adapters/jira/client';
import { receiveJiraWebhook, type JiraWebhookDeps } from '../../../src/app/intake/jira-webhook';
import { keepJiraWebhooksAlive, JIRA_DYNAMIC_WEBHOOKS_KEY } from '../../../src/app/intake/jira-webhook-upkeep';
import type { WebhookDelivery } from '../../../src/local/jira';
import { memoryStore } from '../../adapters/jira-cloud/memory';
import { aSeed, aSite, basic, BOB } from '../../local/jira/builders';

const CLOUD = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

function world(auth: JiraWebhookDeps['auth']) {
  const site = aSite({ seed: aSeed({ cloudId: CLOUD }) });
  const deliveries: WebhookDelivery[] = [];
  site.jira.onWebhook((d) => deliveries.push(d));
  const fetch: FetchLike = (url, init) => site.jira.handle(new Request(url, init));
  const kv = memoryStore();
  const queued: unknown[] = [];
  const syncQueue = recordingQueue();
  const push = syncQueue.push.bind(syncQueue);
  syncQueue.push = (jobs, options) => (queued.push(...jobs), push(jobs, options));
  const intake = memoryDeps({ syncQueue });
  void storesOf(intake).configs.save(defaultConfig('DEMO', '7'));
  const deps: JiraWebhookDeps = {
    ...intake,
    log: quiet,
    auth,
    clock: site.clock,
    serviceAccountId: async () => (await readServiceAccount(kv))?.accountId ?? null,
  };
  /** What the service's POST /events/jira would answer to each delivery so far. */
  const deliverAll = async () => {
    const replies = [];
    for (const d of deliveries.splice(0))
      replies.push(await receiveJiraWebhook({ headers: new Headers(d.headers), rawBody: d.body }, deps));
    return replies;
  };
  return { site, fetch, kv, queued, deliverAll };
}

describe('the service with an API token', () => {
  it("does not sync its own edit back, and syncs a person's", async () => {
    const w = world({ mode: 'secret', secret: 'hook-secret' });
    // Bob's account is the service account: an API token of his, the address checked, /myself asked once.
    const token = w.site.jira.issueApiToken('bob@example.com');
    const transport = createJiraTokenTransport({
      siteUrl: 'https://sandbox.atlassian.net',
      email: 'bob@example.com',
      apiToken: token,
      fetch: w.fetch,
    });
    expect((await learnServiceAccount(transport, w.kv, w.site.clock)).accountId).toBe(BOB);
    w.site.jira.registerAdminWebhook({
      name: 'sync',
      url: 'https://svc.example/events/jira',
      events: ['jira:issue_updated', 'comment_created'],
      secret: 'hook-secret',
    });
    const issue = await w.site.createIssue();

    await createJiraClient(transport, { clock: w.site.clock }).updateIssue(issue.id, {
      summary: 'Written by the sync',
    });
    expect((await w.deliverAll()).map((r) => r.body)).toEqual([
      { webhookEvent: 'jira:issue_updated', outcomes: ['ignored-self'] },
    ]);
    expect(w.queued).toEqual([]);

    await w.site.call(
      'PUT',
      `/rest/api/3/issue/${issue.id}`,
      { fields: { summary: 'Edited by Alice' } },
      null,
      basic('alice@example.com'),
    );
    expect((await w.deliverAll()).map((r) => r.status)).toEqual([200]);
    expect(w.queued).toEqual([{ kind: 'issue-changed', issueId: issue.id, projectKey: 'DEMO' }]);
  });
});

describe('the service as an OAuth 2.0 app', () => {
  it('registers its webhook, drops its own comment, queues a person’s, and keeps the webhook alive past 30 days', async () => {
    const w = world({ mode: 'oauth', clientSecret: 'app-secret' });
    await w.kv.set(JIRA_OAUTH_TOKENS_KEY, {
      accessToken: w.site.jira.issueOAuthToken(BOB, 'app-secret'),
      refreshToken: 'r0',
      expiresAt: w.site.clock.now() + 365 * 86_400_000,
    });
    const transport = createJiraOAuthTransport({
      cloudId: CLOUD,
      clientId: 'cid',
      clientSecret: 'app-secret',
      secrets: w.kv,
      clock: w.site.clock,
      fetch: w.fetch,
    });
    await learnServiceAccount(transport, w.kv, w.site.clock);
    const upkeep = {
      api: createDynamicWebhookApi(transport, w.site.clock),
      kv: w.kv,
      log: quiet,
      callbackUrl: 'https://svc.example/events/jira',
      pairedProjectKeys: () => Promise.resolve(['DEMO']),
    };
    expect(await keepJiraWebhooksAlive(upkeep)).toBe('registered');
    const issue = await w.site.createIssue();
    await w.deliverAll();
    w.queued.length = 0;

    await createJiraClient(transport, { clock: w.site.clock }).addComment(issue.id, {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'from Bitrix24' }] }],
    });
    expect(
      (await w.deliverAll()).flatMap((r): unknown[] => ('outcomes' in r.body ? r.body.outcomes : [r.status])),
    ).toEqual(['ignored-self', 'ignored-self']);
    await w.site.call(
      'POST',
      `/rest/api/3/issue/${issue.id}/comment`,
      {
        body: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'from Alice' }] }],
        },
      },
      null,
      basic('alice@example.com'),
    );
    await w.deliverAll();
    expect(w.queued).toContainEqual(
      expect.objectContaining({ kind: 'jira-comment', issueId: issue.id, action: 'upserted' }),
    );

    w.site.clock.advance(86_400_000);
    expect(await keepJiraWebhooksAlive(upkeep)).toBe('refreshed');
    w.site.clock.advance(31 * 86_400_000);
    expect(await keepJiraWebhooksAlive(upkeep)).toBe('registered');
    expect(w.kv.data.get(JIRA_DYNAMIC_WEBHOOKS_KEY)).toMatchObject({
      jqlFilter: 'project in ("DEMO")',
      url: 'https://svc.example/events/jira',
    });
  });
});
