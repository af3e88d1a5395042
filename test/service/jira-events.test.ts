/**
 * `POST /events/jira` on the service's routes: a delivery that proves its origin becomes the same job the Forge
 * trigger queues; one that does not, or that is too large, or that the service cannot verify at all, is refused
 * with a sentence and queues nothing; the service account's own edits are dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { hubSignature } from '../../src/app/intake/jira-webhook-signature';
import { storesOf } from '../../src/app/store/stores';
import { createWorld, type World } from './world';

const SECRET = 'It is a secret to everybody';
const SERVICE = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/jira-webhooks', name), 'utf8');
const withActor = (rawBody: string, accountId: string): string => {
  const body = JSON.parse(rawBody) as { user: { accountId: string } };
  body.user.accountId = accountId;
  return JSON.stringify(body);
};

async function world(webhook: 'secret' | 'none' = 'secret'): Promise<World> {
  const w = createWorld({
    jiraRoutes: {
      mode: 'token',
      webhookAuth: webhook === 'secret' ? { mode: 'secret', secret: SECRET } : null,
      serviceAccountId: () => Promise.resolve(SERVICE),
    },
  });
  await storesOf(w.app.deps()).configs.save(defaultConfig('CS', '7'));
  return w;
}

const post = (w: World, body: string, signature?: string) =>
  w.request('/events/jira', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature': signature } : {}) },
    body,
  });

const queued = async (w: World): Promise<number> =>
  (await w.jobs.stats()).reduce((sum, s) => sum + s.queued + s.active, 0);

describe('POST /events/jira', () => {
  it('queues the change of a delivery signed with the webhook secret', async () => {
    const w = await world();
    const body = fixture('issue-updated.constructed.json');
    const response = await post(w, body, hubSignature(SECRET, body));
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { webhookEvent: 'jira:issue_updated', outcomes: ['queued'] },
    });
    expect(await queued(w)).toBe(1);
  });

  it('refuses a delivery signed with another secret, or not signed, and queues nothing', async () => {
    const w = await world();
    const body = fixture('issue-updated.constructed.json');
    expect((await post(w, body, hubSignature('another secret', body))).status).toBe(401);
    const unsigned = await post(w, body);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: expect.stringMatching(/^Unauthorized: /) as unknown });
    expect(await queued(w)).toBe(0);
  });

  it("drops the service account's own edit without queueing it", async () => {
    const w = await world();
    const body = withActor(fixture('issue-updated.constructed.json'), SERVICE);
    const response = await post(w, body, hubSignature(SECRET, body));
    expect(await response.json()).toEqual({ webhookEvent: 'jira:issue_updated', outcomes: ['ignored-self'] });
    expect(await queued(w)).toBe(0);
  });

  it('refuses a body over the service body limit with 413 while reading it', async () => {
    const w = await world();
    const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', padding: 'x'.repeat(600_000) });
    const response = await post(w, body, hubSignature(SECRET, body));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'The event body is larger than 512000 bytes.' });
    expect(await queued(w)).toBe(0);
  });

  it('answers 503 with a sentence when no verification is configured, and logs what to set', async () => {
    const w = await world('none');
    const body = fixture('issue-updated.constructed.json');
    const response = await post(w, body, hubSignature(SECRET, body));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'The service has no Jira webhook verification configured.' });
    expect(w.lines.join('\n')).toContain('JIRA_WEBHOOK_SECRET');
    expect(await queued(w)).toBe(0);
  });
});
