/**
 * The model's world on the self-hosted service (src/local/service-runtime): an on-premise portal whose changes wait
 * in its offline queue until the service's one-minute schedule drains them, Jira's signed webhooks to the
 * service's `/events/jira`, and the service's in-memory job engine on the simulated clock (pg-boss has its own
 * conformance suite in real time). People act exactly as on the Forge world (./runtime.ts).
 */
import { createHmac } from 'node:crypto';
import { ManualClock, type FaultPlan } from '../../src/local/contracts';
import { ServicePlatform } from '../../src/local/service-runtime/platform';
import { JIRA_WEBHOOK_SECRET, SERVICE_ACCOUNT } from '../../src/local/service-runtime/seed';
import { peopleCalls } from '../scenarios/people-calls';
import type { ModelWorld, OwnEventClaim, Replayable } from './runtime';

/** The service's schedule that runs reconcileAll (src/service/service.ts, SCHEDULES). */
const RECONCILE_SCHEDULE = 'reconcile';

async function everything(platform: ServicePlatform, prefix: string): Promise<[string, unknown][]> {
  const out: [string, unknown][] = [];
  let cursor: string | undefined;
  do {
    const page = await platform.service.kv.listByPrefix(prefix, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const e of page.entries) out.push([e.key, e.value]);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
}

/** A Jira webhook delivery posted again as is: its signature still holds, Jira's HMAC covers no time. */
function jiraReplay(platform: ServicePlatform, url: string, headers: Record<string, string>, body: string): Replayable {
  return {
    async send() {
      const response = await platform.webtrigger('jira-webhook', new Request(url, { method: 'POST', headers, body }));
      if (response.status >= 500) throw new Error(`a replayed Jira webhook was answered ${response.status}`);
      return `${body.slice(0, 40)}…`;
    },
  };
}

/** An offline record left again in the portal's queue, as a portal that re-sends a change would. */
function offlineReplay(platform: ServicePlatform, args: [string, Record<string, unknown>, string]): Replayable {
  return {
    send() {
      platform.b24.queueOfflineRecord(...args);
      return Promise.resolve(`offline ${args[0]} ${JSON.stringify(args[1]).slice(0, 30)}…`);
    },
  };
}

/** The webhook Jira would send for the service account's edit or comment; its claim is nothing the app wrote. */
async function ownEventBody(
  w: Pick<ModelWorld, 'jira'>,
  baseUrl: string,
  claim: OwnEventClaim,
): Promise<Record<string, unknown>> {
  const issue = (await w.jira('anna.schmidt@example.com', 'GET', `/rest/api/3/issue/${claim.issueId}`)) as {
    id: string;
    key: string;
    fields: Record<string, unknown> & { summary: string };
  };
  const user = { accountId: SERVICE_ACCOUNT.accountId, displayName: 'Bitrix24 Sync (service)' };
  const self = `${baseUrl}/rest/api/3/issue/${issue.id}`;
  if (claim.kind === 'comment')
    return {
      webhookEvent: 'comment_created',
      comment: { id: '990001', body: claim.text, author: user, updateAuthor: user },
      issue: { id: issue.id, key: issue.key, self, fields: { project: issue.fields.project } },
    };
  const item = { field: 'summary', fieldtype: 'jira', fieldId: 'summary', fromString: issue.fields.summary };
  return {
    webhookEvent: 'jira:issue_updated',
    issue_event_type_name: 'issue_generic',
    user,
    issue: { ...issue, self, fields: { ...issue.fields, summary: claim.text } },
    changelog: { id: '990001', items: [{ ...item, from: null, to: null, toString: claim.text }] },
  };
}

export async function serviceWorld(): Promise<ModelWorld> {
  const clock = new ManualClock();
  const origin = 'http://localhost:8787';
  const platform = await ServicePlatform.create({ clock, origin, logSink: () => undefined });
  const { service } = platform;
  const calls = peopleCalls(platform, clock);
  return {
    runtime: 'service',
    clock,
    platform,
    ...calls,
    settle: () => platform.settle({ untilIdle: true }),
    reconcile: () => service.runSchedule(RECONCILE_SCHEDULE),
    stored: (key) => service.kv.get(key),
    storedUnder: async (prefix) => (await everything(platform, prefix)).map(([, v]) => v),
    deadLetters: async () =>
      (await service.deadLetters(1000)).map((d) => ({
        job: d.body,
        line: `${d.queue} ${d.reason} ${JSON.stringify(d.body).slice(0, 200)}`,
      })),
    footprint: async () =>
      JSON.stringify([
        // Counts, not the oldest job's age: that grows with the clock whatever the delivery did.
        (await service.queueStats()).map(({ queue, queued, active }) => ({ queue, queued, active })),
        (await service.deadLetters(1000)).length,
        await everything(platform, ''),
      ]),
    unmatchedPeople: platform.seed.jira.users.filter((u) => u.emailHidden === true).map((u) => u.accountId),
    // Jira's webhooks reach the service as they are sent and the portal keeps every change: nothing is lost.
    losesEvents: (_plan: FaultPlan) => false,
    keepDeliveries(limit) {
      const kept: Replayable[] = [];
      platform.jira.onWebhook((d) => {
        if (kept.length < limit) kept.push(jiraReplay(platform, d.url, { ...d.headers }, d.body));
      });
      const offline = platform.b24.snapshot().offline;
      const record = offline.record.bind(offline);
      offline.record = (name, data, connector, now) => {
        if (kept.length < limit) kept.push(offlineReplay(platform, [name, structuredClone(data), connector]));
        record(name, data, connector, now);
      };
      return kept;
    },
    async ownJiraEvent(claim) {
      const body = JSON.stringify({
        timestamp: clock.now(),
        ...(await ownEventBody(calls, platform.seed.jira.baseUrl, claim)),
      });
      const signature = createHmac('sha256', JIRA_WEBHOOK_SECRET).update(body, 'utf8').digest('hex');
      const headers = { 'content-type': 'application/json', 'X-Hub-Signature': `sha256=${signature}` };
      return platform.webtrigger(
        'jira-webhook',
        new Request(`${origin}/events/jira`, { method: 'POST', headers, body }),
      );
    },
  };
}
