/** Forge product events (exact shapes, actor, selfGenerated) and Jira's limits (burst, per-issue, size, faults). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adf, APP_ID, aSite, BOB } from './builders';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/jira', name), 'utf8')) as Record<string, unknown>;
/** Keys Forge puts in the event body itself; `context` is the runtime's business, not the product's. */
const keysOf = (o: Record<string, unknown>): string[] =>
  Object.keys(o)
    .filter((k) => k !== 'context')
    .sort();

describe('Forge product events', () => {
  it('emits avi:jira:created:issue shaped like the recorded delivery, flagged selfGenerated for the app', async () => {
    const site = aSite();
    await site.createIssue();
    const [event] = site.events;
    const recorded = fixture('avi-jira-created-issue.recorded.json');
    expect(event).toMatchObject({ eventType: 'avi:jira:created:issue', selfGenerated: true, atlassianId: APP_ID });
    expect(keysOf(event as Record<string, unknown>)).toEqual([...keysOf(recorded), 'atlassianId'].sort());
    const issue = (recorded.issue as { fields: Record<string, unknown> }).fields;
    expect(Object.keys((event?.issue as { fields: object }).fields).sort()).toEqual(Object.keys(issue).sort());
  });

  it('emits avi:jira:updated:issue with changelog items for field edits and transitions, as the acting person', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    await site.call(
      'PUT',
      `/rest/api/3/issue/${id}`,
      { fields: { summary: 'New', assignee: { accountId: BOB } } },
      { kind: 'user', accountId: BOB },
    );
    await site.call('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '11' } });
    const [, edit, move] = site.events;
    expect(keysOf(edit as Record<string, unknown>)).toEqual(keysOf(fixture('avi-jira-updated-issue.constructed.json')));
    expect(edit).toMatchObject({
      selfGenerated: false,
      atlassianId: BOB,
      changelog: {
        items: [
          {
            field: 'summary',
            fieldtype: 'jira',
            fieldId: 'summary',
            from: null,
            fromString: 'Ship it',
            to: null,
            toString: 'New',
          },
          { field: 'assignee', fieldId: 'assignee', from: null, fromString: null, to: BOB, toString: 'Bob Baker' },
        ],
      },
    });
    expect(move).toMatchObject({
      selfGenerated: true,
      changelog: { items: [{ field: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' }] },
    });
  });

  it('emits commented:issue for new comments, nothing for edits, deleted:comment for deletions', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    const c = await site.json<{ id: string }>('POST', `/rest/api/3/issue/${id}/comment`, { body: adf('hi') });
    await site.call('PUT', `/rest/api/3/issue/${id}/comment/${c.id}`, { body: adf('edited') });
    await site.call('DELETE', `/rest/api/3/issue/${id}/comment/${c.id}`);
    expect(site.events.map((e) => e.eventType)).toEqual([
      'avi:jira:created:issue',
      'avi:jira:commented:issue',
      'avi:jira:deleted:comment',
    ]);
    expect(keysOf(site.events[1] as Record<string, unknown>)).toEqual(
      keysOf(fixture('avi-jira-commented-issue.constructed.json')),
    );
    expect(site.events[1]?.comment).toMatchObject({ id: c.id, body: adf('hi') });
  });

  it('emits attachment and deletion events; an issue delete cascades silently', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    await site.json('POST', `/rest/api/3/issue/${id}/comment`, { body: adf('hi') });
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    await site.jira.handle(
      new Request(`https://sandbox.atlassian.net/rest/api/3/issue/${id}/attachments`, {
        method: 'POST',
        body: form,
        headers: { 'X-Atlassian-Token': 'no-check' },
      }),
      { kind: 'app' },
    );
    await site.call('DELETE', `/rest/api/3/issue/${id}`);
    expect(site.events.map((e) => e.eventType)).toEqual([
      'avi:jira:created:issue',
      'avi:jira:commented:issue',
      'avi:jira:created:attachment',
      'avi:jira:deleted:issue',
    ]);
  });

  it('stops delivering to an unsubscribed listener', async () => {
    const site = aSite();
    const seen: string[] = [];
    const off = site.jira.onEvent((e) => seen.push(e.eventType));
    off();
    await site.createIssue();
    expect(seen).toEqual([]);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After past the per-caller rate, and lets the caller through after waiting', async () => {
    const site = aSite({ limits: { requestsPerSecond: 3 } });
    for (let i = 0; i < 3; i++) expect((await site.call('GET', '/rest/api/3/myself')).status).toBe(200);
    const res = await site.call('GET', '/rest/api/3/myself');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect(res.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect((await site.call('GET', '/rest/api/3/myself', undefined, { kind: 'user', accountId: BOB })).status).toBe(
      200,
    );
    site.clock.advance(1000);
    expect((await site.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('limits writes to one issue to 20 per 2 s', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    for (let i = 0; i < 20; i++)
      expect((await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: `s${i}` } })).status).toBe(204);
    const res = await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'over' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('RateLimit-Reason')).toBe('jira-per-issue-on-write');
    site.clock.advance(2000);
    expect((await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'later' } })).status).toBe(204);
  });

  it('answers 413 for a file over the cap and 403 without the XSRF header', async () => {
    const site = aSite({ limits: { attachmentMaxBytes: 4 } });
    const { id } = await site.createIssue();
    const send = (headers: Record<string, string>): Promise<Response> => {
      const form = new FormData();
      form.append('file', new Blob(['12345']), 'big.bin');
      return site.jira.handle(
        new Request(`https://sandbox.atlassian.net/rest/api/3/issue/${id}/attachments`, {
          method: 'POST',
          body: form,
          headers,
        }),
        { kind: 'app' },
      );
    };
    expect((await send({})).status).toBe(403);
    expect((await send({ 'X-Atlassian-Token': 'no-check' })).status).toBe(413);
  });

  it('injects 429s and 5xx from a fault plan without changing anything', async () => {
    const site = aSite();
    site.jira.setFaults({ rateLimit: 1, serverError: 0, random: () => 0 });
    const res = await site.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 's' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    site.jira.setFaults({ rateLimit: 0, serverError: 1, random: () => 0 });
    expect((await site.call('GET', '/rest/api/3/myself')).status).toBe(503);
    site.jira.setFaults(null);
    expect(site.events).toEqual([]);
  });
});

describe('JQL search', () => {
  it('pages with nextPageToken and returns only ids by default', async () => {
    const site = aSite();
    for (let i = 0; i < 3; i++) await site.createIssue({ summary: `n${i}` });
    const first = await site.json<{ issues: object[]; nextPageToken?: string; isLast: boolean }>(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'project = DEMO ORDER BY key ASC', maxResults: 2 },
    );
    expect(first).toMatchObject({ issues: [{ id: '10000' }, { id: '10001' }], isLast: false });
    const second = await site.json<{ issues: object[]; isLast: boolean }>('POST', '/rest/api/3/search/jql', {
      jql: 'project = DEMO ORDER BY key ASC',
      maxResults: 2,
      nextPageToken: first.nextPageToken,
    });
    expect(second).toEqual({ issues: [{ id: '10002' }], isLast: true });
  });

  it('filters by key in, updated >= and selects fields', async () => {
    const site = aSite();
    await site.createIssue();
    site.clock.advance(3_600_000);
    await site.createIssue({ summary: 'late' });
    const res = await site.json<{ issues: { key: string; fields: object }[] }>('POST', '/rest/api/3/search/jql', {
      jql: 'project = DEMO AND updated >= -30m AND key in (DEMO-1, DEMO-2)',
      fields: ['summary'],
    });
    expect(res.issues).toEqual([expect.objectContaining({ key: 'DEMO-2', fields: { summary: 'late' } })]);
  });

  it('refuses unbounded queries, OR, and unknown projects with 400', async () => {
    const site = aSite();
    for (const jql of ['ORDER BY key', 'project = DEMO OR project = X', 'project = NOPE']) {
      expect((await site.call('POST', '/rest/api/3/search/jql', { jql })).status).toBe(400);
    }
  });
});
