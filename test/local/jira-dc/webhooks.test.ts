/**
 * Data Center's admin webhooks (`/rest/webhooks/1.0/webhook`, "Webhooks" of the Data Center developer docs; the
 * secret of "Managing webhooks", "Securing your webhook"): registered by Jira administrators only, delivered with
 * the v2 payload (`webhookEvent`, `user` with key and name, `issue`, `changelog.items`, `comment`), only for issues
 * the JQL filter matches, signed `X-Hub-Signature: sha256=<HMAC of the body>` when a secret is set.
 */
import { createHmac } from 'node:crypto';
import type { WebhookDelivery } from '../../../src/local/jira/webhook-delivery';
import { call, issueFields, newDc } from './call';

function setUp() {
  const dc = newDc();
  const deliveries: WebhookDelivery[] = [];
  dc.jira.onWebhook((d) => deliveries.push(d));
  return { ...dc, deliveries, token: dc.jira.createPat('anna.schmidt', 'admin').token };
}

const register = (jira: ReturnType<typeof newDc>['jira'], token: string, extra: Record<string, unknown> = {}) =>
  call(jira, 'POST', '/rest/webhooks/1.0/webhook', {
    token,
    body: {
      name: 'sync',
      url: 'https://sync.example.com/hook',
      events: ['jira:issue_created', 'jira:issue_updated', 'comment_created', 'comment_updated'],
      filters: { 'issue-related-events-section': 'project = DEMO' },
      ...extra,
    },
  });

const parsed = (d: WebhookDelivery | undefined) => JSON.parse(d?.body ?? '{}') as Record<string, unknown>;

describe('Jira Data Center webhooks', () => {
  it('refuses registration by someone who is not a Jira administrator', async () => {
    const { jira } = setUp();
    const ben = jira.createPat('ben.carter', 'project admin only').token;
    const refused = await register(jira, ben);
    expect(refused.status).toBe(403);
    expect((await call(jira, 'GET', '/rest/webhooks/1.0/webhook', { token: ben })).status).toBe(403);
  });

  it('refuses an unknown event and a filter that is not JQL, keeping nothing', async () => {
    const { jira, token } = setUp();
    const refused = await register(jira, token, {
      events: ['jira:issue_created', 'issue_teleported'],
      filters: { 'issue-related-events-section': 'project = = DEMO' },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys((refused.body as { errors: object }).errors).sort()).toEqual(['events', 'filters']);
    expect((await call(jira, 'GET', '/rest/webhooks/1.0/webhook', { token })).body).toEqual([]);
  });

  it('signs each delivery with the secret over the exact body sent', async () => {
    const { jira, token, deliveries } = setUp();
    expect((await register(jira, token, { secret: 'shh' })).status).toBe(201);
    await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Signed', { description: 'a *b*' }) });
    const delivery = deliveries[0];
    const expected = `sha256=${createHmac('sha256', 'shh')
      .update(delivery?.body ?? '')
      .digest('hex')}`;
    expect(delivery?.headers['X-Hub-Signature']).toBe(expected);
    const body = parsed(delivery);
    expect(body).toMatchObject({ webhookEvent: 'jira:issue_created', user: { name: 'anna.schmidt' } });
    expect((body.issue as { fields: { description: string } }).fields.description).toBe('a *b*');
  });

  it('sends no signature without a secret', async () => {
    const { jira, token, deliveries } = setUp();
    await register(jira, token);
    await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Unsigned') });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.headers['X-Hub-Signature']).toBeUndefined();
  });

  it('carries the changelog items of an update and the comment of a comment event', async () => {
    const { jira, token, deliveries } = setUp();
    await register(jira, token);
    const { key } = (await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Old') })).body as {
      key: string;
    };
    await call(jira, 'PUT', `/rest/api/2/issue/${key}`, { token, body: { fields: { summary: 'New' } } });
    const update = parsed(deliveries.find((d) => parsed(d).webhookEvent === 'jira:issue_updated'));
    expect((update.changelog as { items: { field: string; toString: string }[] }).items).toContainEqual(
      expect.objectContaining({ field: 'summary', fromString: 'Old', toString: 'New' }),
    );
    await call(jira, 'POST', `/rest/api/2/issue/${key}/comment`, { token, body: { body: 'h3. Note' } });
    const comment = parsed(deliveries.find((d) => parsed(d).webhookEvent === 'comment_created'));
    expect(comment.comment).toMatchObject({ body: 'h3. Note', author: { name: 'anna.schmidt' } });
    const commented = deliveries.map(parsed).find((b) => b.issue_event_type_name === 'issue_commented');
    expect(commented?.webhookEvent).toBe('jira:issue_updated');
  });

  it('delivers only for issues its JQL filter matches', async () => {
    const { jira, token, deliveries } = setUp();
    await register(jira, token, { filters: { 'issue-related-events-section': 'assignee = chloe.dubois' } });
    await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Unassigned') });
    await call(jira, 'POST', '/rest/api/2/issue', {
      token,
      body: issueFields('Chloé', { assignee: { name: 'chloe.dubois' } }),
    });
    expect(deliveries.map((d) => (parsed(d).issue as { fields: { summary: string } }).fields.summary)).toEqual([
      'Chloé',
    ]);
  });

  it('posts an empty body when the webhook excludes it', async () => {
    const { jira, token, deliveries } = setUp();
    await register(jira, token, { excludeBody: true, secret: 'shh' });
    await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Quiet') });
    expect(deliveries[0]?.body).toBe('');
  });

  it('lists and deletes a registration', async () => {
    const { jira, token } = setUp();
    const created = (await register(jira, token)).body as { self: string };
    const id = created.self.split('/').pop() ?? '';
    const listed = (await call(jira, 'GET', '/rest/webhooks/1.0/webhook', { token })).body as { name: string }[];
    expect(listed.map((h) => h.name)).toEqual(['sync']);
    expect((await call(jira, 'DELETE', `/rest/webhooks/1.0/webhook/${id}`, { token })).status).toBe(204);
    expect((await call(jira, 'GET', `/rest/webhooks/1.0/webhook/${id}`, { token })).status).toBe(404);
  });
});
