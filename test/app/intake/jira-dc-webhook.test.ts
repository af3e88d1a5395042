/**
 * Data Center events end to end against the emulated Jira Data Center: the service registers its own webhook
 * (JQL on the paired projects, issue and comment events, a secret), every delivery's `X-Hub-Signature` is checked
 * over the exact body, the service account's own changes are recognised by its user key, and a person's comment
 * edit is queued for the sync, which re-reads it (the payload is a hint).
 */
import { createJiraDcClient } from '../../../src/adapters/jira-dc/client';
import { createJiraDcTransport } from '../../../src/adapters/jira-dc/transport';
import { createDcWebhookApi } from '../../../src/adapters/jira-dc/webhooks';
import { learnServiceAccount, readServiceAccount } from '../../../src/adapters/jira-cloud/service-account';
import { storesOf } from '../../../src/app/store/stores';
import { receiveJiraWebhook, type JiraWebhookDeps } from '../../../src/app/intake/jira-webhook';
import { keepJiraWebhooksAlive } from '../../../src/app/intake/jira-webhook-upkeep';
import { hubSignature } from '../../../src/app/intake/jira-webhook-signature';
import { defaultConfig } from '../../../src/core/config';
import { ManualClock } from '../../../src/local/contracts';
import type { WebhookDelivery } from '../../../src/local/jira';
import { JiraDcEmulator } from '../../../src/local/jira-dc';
import { defaultSeed } from '../../../src/local/seed';
import { memoryStore } from '../../adapters/jira-cloud/memory';
import { memoryDeps, recordingQueue } from '../memory-ports';

const BASE = 'https://jira.example.com';
const SECRET = 'dc-hook-secret';
const CALLBACK = 'https://svc.example/events/jira';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const doc = (text: string) => ({
  type: 'doc' as const,
  version: 1 as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

async function world() {
  const clock = new ManualClock();
  const jira = new JiraDcEmulator({ clock, seed: { ...defaultSeed().jira, baseUrl: BASE } });
  const deliveries: WebhookDelivery[] = [];
  jira.onWebhook((d) => deliveries.push(d));
  const clientOf = (username: string) => {
    const transport = createJiraDcTransport({
      baseUrl: BASE,
      pat: jira.createPat(username, 'sync').token,
      fetch: (url, init) => jira.handle(new Request(url, init)),
    });
    return { transport, client: createJiraDcClient(transport, { clock, baseUrl: BASE }) };
  };
  const service = clientOf('anna.schmidt');
  const kv = memoryStore();
  const account = await learnServiceAccount(service.transport, kv, clock, 'datacenter');
  const queued: unknown[] = [];
  const syncQueue = recordingQueue();
  const push = syncQueue.push.bind(syncQueue);
  syncQueue.push = (jobs, options) => (queued.push(...jobs), push(jobs, options));
  const intake = memoryDeps({ syncQueue });
  await storesOf(intake).configs.save(defaultConfig('DEMO', '7'));
  const deps: JiraWebhookDeps = {
    ...intake,
    log: { ...quiet, child: () => deps.log },
    auth: { mode: 'secret', secret: SECRET },
    clock,
    serviceAccountId: async () => (await readServiceAccount(kv))?.accountId ?? null,
  };
  const upkeep = {
    api: createDcWebhookApi(service.transport, clock, { secret: SECRET }),
    kv,
    log: deps.log,
    callbackUrl: CALLBACK,
    pairedProjectKeys: () => Promise.resolve(['DEMO']),
  };
  const deliverAll = async () => {
    const replies = [];
    for (const d of deliveries.splice(0))
      replies.push(await receiveJiraWebhook({ headers: new Headers(d.headers), rawBody: d.body }, deps));
    return replies.map((r) => ('outcomes' in r.body ? r.body : { status: r.status }));
  };
  return { jira, service, person: clientOf('ben.carter'), account, upkeep, deliveries, deliverAll, queued, deps };
}

describe('Jira Data Center events for the service', () => {
  it('registers one webhook on the paired projects for issue and comment events, and keeps it', async () => {
    const w = await world();
    expect(await keepJiraWebhooksAlive(w.upkeep)).toBe('registered');
    expect(await w.upkeep.api.list()).toEqual([
      {
        id: expect.any(Number) as number,
        jqlFilter: 'project in ("DEMO")',
        events: [
          'jira:issue_created',
          'jira:issue_updated',
          'jira:issue_deleted',
          'comment_created',
          'comment_updated',
          'comment_deleted',
        ],
      },
    ]);
    expect(await keepJiraWebhooksAlive(w.upkeep)).toBe('refreshed');
    expect(await w.upkeep.api.list()).toHaveLength(1);
  });

  it("knows the service account by its key and dismisses its own changes, but queues a person's comment edit", async () => {
    const w = await world();
    expect(w.account.accountId).toMatch(/^JIRAUSER\d+$/);
    const issue = await w.service.client.createIssue({
      project: { key: 'DEMO' },
      issuetype: { name: 'Task' },
      summary: 'From a task',
    });
    // Ben's comment predates the webhook, so its edit is the first event the sync hears about it.
    const mine = await w.person.client.addComment(issue.id, doc('first'));
    await keepJiraWebhooksAlive(w.upkeep);
    const comment = await w.service.client.addComment(issue.id, doc('from Bitrix24'));
    const own = await w.deliverAll();
    expect(own).toEqual([
      { webhookEvent: 'comment_created', outcomes: ['ignored-self'] },
      { webhookEvent: 'jira:issue_updated', outcomes: ['ignored-self'] },
    ]);
    expect(w.queued).toEqual([]);

    await w.person.client.updateComment(issue.id, mine.id, doc('edited by Ben'));
    const replies = await w.deliverAll();
    expect(replies).toContainEqual({ webhookEvent: 'comment_updated', outcomes: ['queued'] });
    expect(w.queued).toContainEqual(expect.objectContaining({ issueId: issue.id, commentId: mine.id }));
    expect(w.queued).not.toContainEqual(expect.objectContaining({ commentId: comment.id }));
  });

  it('refuses a delivery whose signature does not match its exact body, reading and queueing nothing', async () => {
    const w = await world();
    await keepJiraWebhooksAlive(w.upkeep);
    await w.person.client.createIssue({ project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Real' });
    const [real] = w.deliveries.splice(0);
    if (real === undefined) throw new Error('no delivery');
    const forgedBody = real.body.replace('Real', 'Forged');
    const forged = [
      { headers: real.headers, rawBody: forgedBody },
      { headers: { ...real.headers, 'X-Hub-Signature': hubSignature('guessed', forgedBody) }, rawBody: forgedBody },
      { headers: { 'Content-Type': 'application/json' }, rawBody: real.body },
    ];
    for (const f of forged)
      expect(await receiveJiraWebhook({ headers: new Headers(f.headers), rawBody: f.rawBody }, w.deps)).toMatchObject({
        status: 401,
      });
    expect(w.queued).toEqual([]);
    const reply = await receiveJiraWebhook({ headers: new Headers(real.headers), rawBody: real.body }, w.deps);
    expect(reply).toMatchObject({ status: 200, body: { outcomes: ['queued'] } });
  });
});
