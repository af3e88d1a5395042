/**
 * The emulated Jira delivers webhooks as Jira Cloud documents them (not the Forge product-event shape), signs them
 * as documented, serves `/rest/api/3/webhook` only to OAuth 2.0 apps, and refuses what Jira refuses: a wrong API
 * token, an OAuth token on the site's own address.
 */
import { createHmac } from 'node:crypto';
import type { WebhookDelivery } from '../../../src/local/jira';
import { adf, ALICE, aSeed, aSite, basic, BOB, type Site } from './builders';

const CLOUD = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const CLIENT_SECRET = 'the-oauth-app-secret';

function site(): Site & { deliveries: WebhookDelivery[] } {
  const s = aSite({ seed: aSeed({ cloudId: CLOUD }) });
  const deliveries: WebhookDelivery[] = [];
  s.jira.onWebhook((d) => deliveries.push(d));
  return Object.assign(s, { deliveries });
}

const asBob = { ...basic('bob@example.com') };
/** The fields the assertions read one by one; the rest is compared with toMatchObject. */
interface Body {
  [key: string]: unknown;
  issue: { self: string };
  changelog: { items: unknown[] };
  attachment: unknown;
}
const parsed = (d: WebhookDelivery | undefined) => JSON.parse(d?.body ?? 'null') as Body;

describe('an admin webhook', () => {
  it('delivers a person’s edit as jira:issue_updated, signed with X-Hub-Signature over the raw body', async () => {
    const s = site();
    const issue = await s.createIssue();
    s.jira.registerAdminWebhook({
      name: 'sync',
      url: 'https://sync.example/events/jira',
      events: ['jira:issue_updated'],
      secret: 'shh',
    });
    await s.call('PUT', `/rest/api/3/issue/${issue.id}`, { fields: { summary: 'Renamed' } }, null, asBob);
    expect(s.deliveries).toHaveLength(1);
    const [d] = s.deliveries;
    expect(d?.url).toBe('https://sync.example/events/jira');
    expect(d?.headers['X-Hub-Signature']).toBe(
      `sha256=${createHmac('sha256', 'shh')
        .update(d?.body ?? '')
        .digest('hex')}`,
    );
    const body = parsed(d);
    expect(body).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: BOB },
      issue: { id: issue.id, key: issue.key, fields: { project: { key: 'DEMO' } } },
    });
    expect(body.issue.self).toBe(`https://sandbox.atlassian.net/rest/api/3/issue/${issue.id}`);
    expect(body.changelog.items).toEqual([expect.objectContaining({ field: 'summary', toString: 'Renamed' })]);
    expect(typeof body.timestamp).toBe('number');
    expect(body).not.toHaveProperty('eventType');
  });

  it('sends no signature when the webhook has no secret, and nothing for events it did not choose', async () => {
    const s = site();
    s.jira.registerAdminWebhook({ name: 'plain', url: 'https://x.example/', events: ['jira:issue_created'] });
    const issue = await s.createIssue();
    await s.call('PUT', `/rest/api/3/issue/${issue.id}`, { fields: { summary: 'Renamed' } });
    expect(s.deliveries.map((d) => parsed(d).webhookEvent)).toEqual(['jira:issue_created']);
    expect(s.deliveries[0]?.headers).not.toHaveProperty('X-Hub-Signature');
  });

  it('delivers a comment as comment_created with the trimmed issue, and as jira:issue_updated (issue_commented)', async () => {
    const s = site();
    const issue = await s.createIssue();
    s.jira.registerAdminWebhook({
      name: 'all',
      url: 'https://x.example/',
      events: ['comment_created', 'jira:issue_updated'],
    });
    await s.call('POST', `/rest/api/3/issue/${issue.id}/comment`, { body: adf('hello') }, null, asBob);
    const [created, updated] = s.deliveries.map(parsed);
    expect(created).toMatchObject({
      webhookEvent: 'comment_created',
      comment: { author: { accountId: BOB } },
      issue: { id: issue.id, fields: { project: { key: 'DEMO' } } },
    });
    expect(created).not.toHaveProperty('user');
    expect(updated).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_commented',
      user: { accountId: BOB },
    });
  });

  it('delivers a file as attachment_created naming no issue, and as an Attachment item of jira:issue_updated', async () => {
    const s = site();
    const issue = await s.createIssue();
    s.jira.registerAdminWebhook({
      name: 'files',
      url: 'https://x.example/',
      events: ['attachment_created', 'jira:issue_updated'],
    });
    const form = new FormData();
    form.append('file', new Blob(['hi'], { type: 'text/plain' }), 'hi.txt');
    const res = await s.jira.handle(
      new Request(`https://sandbox.atlassian.net/rest/api/3/issue/${issue.id}/attachments`, {
        method: 'POST',
        body: form,
        headers: { 'X-Atlassian-Token': 'no-check', ...asBob },
      }),
    );
    const [file] = (await res.json()) as { id: string }[];
    const [attachment, update] = s.deliveries.map(parsed);
    expect(attachment).toMatchObject({
      webhookEvent: 'attachment_created',
      attachment: { id: file?.id, filename: 'hi.txt', author: { accountId: BOB } },
    });
    expect(attachment?.attachment).not.toHaveProperty('issueId');
    expect(update?.changelog.items).toEqual([
      {
        field: 'Attachment',
        fieldtype: 'jira',
        fieldId: 'attachment',
        from: null,
        fromString: null,
        to: file?.id,
        toString: 'hi.txt',
      },
    ]);
  });

  it('keeps to its JQL filter', async () => {
    const s = site();
    s.jira.registerAdminWebhook({
      name: 'other',
      url: 'https://x.example/',
      events: ['jira:issue_created'],
      jqlFilter: 'project = OTHER',
    });
    s.jira.registerAdminWebhook({
      name: 'demo',
      url: 'https://demo.example/',
      events: ['jira:issue_created', 'jira:issue_deleted'],
      jqlFilter: 'project = DEMO',
    });
    const issue = await s.createIssue();
    await s.call('DELETE', `/rest/api/3/issue/${issue.id}`);
    expect(s.deliveries.map((d) => [d.url, parsed(d).webhookEvent])).toEqual([
      ['https://demo.example/', 'jira:issue_created'],
      ['https://demo.example/', 'jira:issue_deleted'],
    ]);
  });
});

describe('API tokens', () => {
  it('once a person has issued one, a wrong token is refused with 401 and the right one works', async () => {
    const s = site();
    const token = s.jira.issueApiToken('bob@example.com');
    expect((await s.call('GET', '/rest/api/3/myself', undefined, null, basic('bob@example.com', 'wrong'))).status).toBe(
      401,
    );
    const me = await s.call('GET', '/rest/api/3/myself', undefined, null, basic('bob@example.com', token));
    expect(me.status).toBe(200);
    expect(((await me.json()) as { accountId: string }).accountId).toBe(BOB);
  });
});

describe('dynamic webhooks of an OAuth 2.0 app', () => {
  const gateway = (s: Site, token: string) => (method: string, path: string, body?: unknown) =>
    s.jira.handle(
      new Request(`https://api.atlassian.com/ex/jira/${CLOUD}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );

  it.each([
    ['a person with an API token', (s: Site) => s.call('GET', '/rest/api/3/webhook', undefined, null, asBob)],
    ['a Forge app (asApp)', (s: Site) => s.call('GET', '/rest/api/3/webhook')],
  ])('are refused with 403 to %s', async (_who, run) => {
    const res = await run(site());
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      errorMessages: ['Only Connect and OAuth 2.0 apps can use this operation.'],
      errors: {},
    });
  });

  it('refuse an OAuth token sent to the site instead of the API gateway', async () => {
    const s = site();
    const token = s.jira.issueOAuthToken(ALICE, CLIENT_SECRET);
    expect(
      (await s.call('GET', '/rest/api/3/myself', undefined, null, { Authorization: `Bearer ${token}` })).status,
    ).toBe(401);
    expect((await gateway(s, token)('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('register per filter, list, refresh for another 30 days, deliver with a JWT and expire unrefreshed', async () => {
    const s = site();
    const call = gateway(s, s.jira.issueOAuthToken(ALICE, CLIENT_SECRET));
    const reg = await call('POST', '/rest/api/3/webhook', {
      url: 'https://sync.example/events/jira',
      webhooks: [
        { events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project in ("DEMO")' },
        { events: ['jira:issue_created'], jqlFilter: 'project = NOPE' },
        { events: ['jira:issue_deleted'], jqlFilter: '' },
      ],
    });
    const { webhookRegistrationResult: results } = (await reg.json()) as {
      webhookRegistrationResult: { createdWebhookId?: number; errors?: string[] }[];
    };
    expect(results[0]).toEqual({ createdWebhookId: expect.any(Number) as unknown });
    expect(results[1]?.errors?.[0]).toMatch(/NOPE/);
    expect(results[2]).toEqual({ errors: ['The JQL filter is required.'] });
    // The spec's event enum has no attachment events: such a request is refused whole.
    const files = await call('POST', '/rest/api/3/webhook', {
      url: 'https://sync.example/events/jira',
      webhooks: [{ events: ['attachment_created'], jqlFilter: 'project = DEMO' }],
    });
    expect(files.status).toBe(400);
    const id = results[0]?.createdWebhookId ?? 0;
    const page = (await (await call('GET', '/rest/api/3/webhook')).json()) as {
      values: { id: number; expirationDate: number }[];
    };
    expect(page.values.map((v) => v.id)).toEqual([id]);
    expect(page.values[0]?.expirationDate).toBe(s.clock.now() + 30 * 86_400_000);

    await s.createIssue();
    const [delivery] = s.deliveries;
    const [head = '', claims = '', signature = ''] = (delivery?.headers.Authorization ?? '')
      .replace('Bearer ', '')
      .split('.');
    expect(createHmac('sha256', CLIENT_SECRET).update(`${head}.${claims}`).digest('base64url')).toBe(signature);
    expect(delivery?.headers).not.toHaveProperty('X-Hub-Signature');

    s.clock.advance(29 * 86_400_000);
    const refreshed = (await (
      await call('PUT', '/rest/api/3/webhook/refresh', { webhookIds: [id, 99999] })
    ).json()) as { expirationDate: number };
    expect(refreshed.expirationDate).toBe(s.clock.now() + 30 * 86_400_000);
    s.clock.advance(31 * 86_400_000);
    expect(((await (await call('GET', '/rest/api/3/webhook')).json()) as { values: unknown[] }).values).toEqual([]);
    s.deliveries.length = 0;
    await s.createIssue();
    expect(s.deliveries).toEqual([]);
  });

  it('delete only the app’s own webhooks', async () => {
    const s = site();
    const mine = gateway(s, s.jira.issueOAuthToken(ALICE, CLIENT_SECRET));
    const theirs = gateway(s, s.jira.issueOAuthToken(ALICE, 'another-app'));
    const reg = (await (
      await mine('POST', '/rest/api/3/webhook', {
        url: 'https://a.example/',
        webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = DEMO' }],
      })
    ).json()) as { webhookRegistrationResult: { createdWebhookId: number }[] };
    const id = reg.webhookRegistrationResult[0]?.createdWebhookId;
    expect((await theirs('DELETE', '/rest/api/3/webhook', { webhookIds: [id] })).status).toBe(202);
    expect(((await (await mine('GET', '/rest/api/3/webhook')).json()) as { total: number }).total).toBe(1);
    await mine('DELETE', '/rest/api/3/webhook', { webhookIds: [id] });
    expect(((await (await mine('GET', '/rest/api/3/webhook')).json()) as { total: number }).total).toBe(0);
  });
});

describe('a comment edit', () => {
  it('reaches webhooks as comment_updated, and Forge not at all', async () => {
    const s = site();
    const issue = await s.createIssue();
    const comment = await s.json<{ id: string }>('POST', `/rest/api/3/issue/${issue.id}/comment`, {
      body: adf('first'),
    });
    s.jira.registerAdminWebhook({ name: 'comments', url: 'https://x.example/', events: ['comment_updated'] });
    const forgeBefore = s.events.length;
    const edit = await s.call(
      'PUT',
      `/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      { body: adf('edited') },
      null,
      basic('alice@example.com'),
    );
    expect(edit.status).toBe(200);
    expect(s.deliveries.map(parsed)).toEqual([
      expect.objectContaining({
        webhookEvent: 'comment_updated',
        comment: expect.objectContaining({
          id: comment.id,
          updateAuthor: expect.objectContaining({ accountId: ALICE }) as unknown,
        }) as unknown,
      }),
    ]);
    expect(s.events.length).toBe(forgeBefore);
  });
});
