/**
 * Contract: every endpoint the emulator serves answers a realistic request with a body that validates against the
 * response schema of Jira's official OpenAPI spec (subset cut by src/local/jira/openapi/extract.ts).
 */
import { servedRoutes } from '../../../src/local/jira';
import { documentsStatus, responseProblems } from '../../../src/local/jira/spec';
import { adf, aSite, type Site } from './builders';

interface Step {
  status: number;
  run: (site: Site, ids: { issue: string; comment: string; attachment: string }) => Promise<Response>;
  /** The spec types the body as one object but a bulk reply carries one per id: each element is checked instead. */
  each?: true;
}

function upload(site: Site, issueId: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
  const request = new Request(`https://sandbox.atlassian.net/rest/api/3/issue/${issueId}/attachments`, {
    method: 'POST',
    body: form,
    headers: { 'X-Atlassian-Token': 'no-check' },
  });
  return site.jira.handle(request, { kind: 'app' });
}

/** Dynamic webhooks answer only OAuth 2.0 apps, through the API gateway. */
function asOAuthApp(site: Site, method: string, path: string, body?: unknown): Promise<Response> {
  const token = site.jira.issueOAuthToken('5b10a2844c20165700ede21a', 'contract-app-secret');
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  return site.jira.handle(
    new Request(`https://api.atlassian.com/ex/jira/cloud-1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}
const aWebhook = {
  url: 'https://sync.example/events/jira',
  webhooks: [{ events: ['jira:issue_updated', 'comment_created'], jqlFilter: 'project = DEMO' }],
};

const steps: Record<string, Step> = {
  'POST /rest/api/3/issue': {
    status: 201,
    run: (s) =>
      s.call('POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'DEMO' },
          issuetype: { id: '10001' },
          summary: 'Contract',
          description: adf('d'),
          priority: { name: 'High' },
          duedate: '2026-12-01',
          labels: ['b24'],
        },
        properties: [{ key: 'b24', value: { taskId: '7' } }],
      }),
  },
  'POST /rest/api/3/issue/bulk': {
    status: 201,
    run: (s) =>
      s.call('POST', '/rest/api/3/issue/bulk', {
        issueUpdates: [
          { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'One' } },
          { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'Two' } },
        ],
      }),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}?expand=changelog,transitions&properties=*all`),
  },
  'PUT /rest/api/3/issue/{issueIdOrKey}': {
    status: 200,
    run: (s, ids) =>
      s.call('PUT', `/rest/api/3/issue/${ids.issue}?returnIssue=true`, { fields: { summary: 'Edited' } }),
  },
  'DELETE /rest/api/3/issue/{issueIdOrKey}': {
    status: 204,
    run: async (s) => s.call('DELETE', `/rest/api/3/issue/${(await s.createIssue()).id}`),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/properties': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/properties`),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/properties/b24`),
  },
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': {
    status: 201,
    run: (s, ids) => s.call('PUT', `/rest/api/3/issue/${ids.issue}/properties/fresh`, { a: 1 }),
  },
  'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': {
    status: 204,
    run: (s, ids) => s.call('DELETE', `/rest/api/3/issue/${ids.issue}/properties/b24`),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/transitions?expand=transitions.fields`),
  },
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': {
    status: 204,
    run: (s, ids) => s.call('POST', `/rest/api/3/issue/${ids.issue}/transitions`, { transition: { id: '11' } }),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/comment?startAt=0&maxResults=10`),
  },
  'POST /rest/api/3/issue/{issueIdOrKey}/comment': {
    status: 201,
    run: (s, ids) =>
      s.call('POST', `/rest/api/3/issue/${ids.issue}/comment`, {
        body: adf('hi'),
        visibility: { type: 'role', value: 'Developers' },
      }),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/comment/{id}': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/comment/${ids.comment}`),
  },
  'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}': {
    status: 200,
    run: (s, ids) => s.call('PUT', `/rest/api/3/issue/${ids.issue}/comment/${ids.comment}`, { body: adf('edited') }),
  },
  'DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}': {
    status: 204,
    run: (s, ids) => s.call('DELETE', `/rest/api/3/issue/${ids.issue}/comment/${ids.comment}`),
  },
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments': { status: 200, run: (s, ids) => upload(s, ids.issue) },
  'GET /rest/api/3/attachment/content/{id}': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/attachment/content/${ids.attachment}?redirect=false`),
  },
  'GET /rest/api/3/attachment/{id}': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/attachment/${ids.attachment}`),
  },
  'DELETE /rest/api/3/attachment/{id}': {
    status: 204,
    run: (s, ids) => s.call('DELETE', `/rest/api/3/attachment/${ids.attachment}`),
  },
  'GET /rest/api/3/myself': { status: 200, run: (s) => s.call('GET', '/rest/api/3/myself') },
  'GET /rest/api/3/mypermissions': {
    status: 200,
    run: (s) =>
      s.call('GET', '/rest/api/3/mypermissions?projectKey=DEMO&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS'),
  },
  'GET /rest/api/3/priority': { status: 200, run: (s) => s.call('GET', '/rest/api/3/priority') },
  'GET /rest/api/3/project/{projectIdOrKey}': { status: 200, run: (s) => s.call('GET', '/rest/api/3/project/DEMO') },
  'GET /rest/api/3/project/{projectIdOrKey}/statuses': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/project/DEMO/statuses'),
  },
  'GET /rest/api/3/user': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/user?accountId=5b10a2844c20165700ede21a'),
  },
  'GET /rest/api/3/user/search': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/user/search?query=alice@example.com'),
  },
  'GET /rest/api/3/user/email/bulk': {
    status: 200,
    each: true,
    run: (s) => s.call('GET', '/rest/api/3/user/email/bulk?accountId=5b10a2844c20165700ede21a&accountId=unknown'),
  },
  'GET /rest/api/3/search/jql': {
    status: 200,
    run: (s, ids) =>
      s.call(
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = DEMO OR key = DEMO-1 ORDER BY priority DESC')}&fields=summary,status&maxResults=1&reconcileIssues=${ids.issue}`,
      ),
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/editmeta': {
    status: 200,
    run: (s, ids) => s.call('GET', `/rest/api/3/issue/${ids.issue}/editmeta`),
  },
  'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/issue/createmeta/DEMO/issuetypes'),
  },
  'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/issue/createmeta/DEMO/issuetypes/10001'),
  },
  'GET /rest/api/3/field': { status: 200, run: (s) => s.call('GET', '/rest/api/3/field') },
  'GET /rest/api/3/status': { status: 200, run: (s) => s.call('GET', '/rest/api/3/status') },
  'GET /rest/api/3/user/assignable/search': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/user/assignable/search?project=DEMO&query=b'),
  },
  'GET /rest/api/3/users/search': {
    status: 200,
    run: (s) => s.call('GET', '/rest/api/3/users/search?startAt=1&maxResults=2'),
  },
  'POST /rest/api/3/webhook': { status: 200, run: (s) => asOAuthApp(s, 'POST', '/rest/api/3/webhook', aWebhook) },
  'GET /rest/api/3/webhook': {
    status: 200,
    run: async (s) => {
      await asOAuthApp(s, 'POST', '/rest/api/3/webhook', aWebhook);
      return asOAuthApp(s, 'GET', '/rest/api/3/webhook');
    },
  },
  'DELETE /rest/api/3/webhook': {
    status: 202,
    run: (s) => asOAuthApp(s, 'DELETE', '/rest/api/3/webhook', { webhookIds: [10000] }),
  },
  'PUT /rest/api/3/webhook/refresh': {
    status: 200,
    run: (s) => asOAuthApp(s, 'PUT', '/rest/api/3/webhook/refresh', { webhookIds: [10000] }),
  },
  'POST /rest/api/3/search/jql': {
    status: 200,
    run: (s) =>
      s.call('POST', '/rest/api/3/search/jql', {
        jql: 'project = DEMO ORDER BY updated DESC',
        fields: ['summary', 'status', 'updated'],
        maxResults: 1,
        properties: ['b24'],
      }),
  },
};

async function prepared(): Promise<{ site: Site; ids: { issue: string; comment: string; attachment: string } }> {
  const site = aSite();
  const issue = await site.json<{ id: string }>('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Base', description: adf('x') },
    properties: [{ key: 'b24', value: { taskId: '1' } }],
  });
  await site.createIssue({ summary: 'Second' });
  const comment = await site.json<{ id: string }>('POST', `/rest/api/3/issue/${issue.id}/comment`, {
    body: adf('first'),
  });
  const attachments = (await (await upload(site, issue.id)).json()) as { id: string }[];
  return { site, ids: { issue: issue.id, comment: comment.id, attachment: attachments[0]?.id ?? '' } };
}

describe('the Jira emulator honours the official REST v3 contract', () => {
  it('walks every served endpoint', () => {
    expect(
      servedRoutes()
        .map(([m, t]) => `${m} ${t}`)
        .sort(),
    ).toEqual(Object.keys(steps).sort());
  });

  it.each(Object.keys(steps))(
    '%s answers with a documented status and a body matching the spec schema',
    async (name) => {
      const [method = '', template = ''] = name.split(' ');
      const step = steps[name];
      if (step === undefined) throw new Error(name);
      const { site, ids } = await prepared();
      const res = await step.run(site, ids);
      const text = await res.text();
      expect({ status: res.status, text }).toMatchObject({ status: step.status });
      expect(documentsStatus(method, template, res.status)).toBe(true);
      const isJson = (res.headers.get('content-type') ?? '').includes('application/json') && text !== '';
      const body: unknown = isJson ? JSON.parse(text) : undefined;
      const bodies: unknown[] = step.each === true && Array.isArray(body) ? body : [body];
      if (step.each === true) expect(Array.isArray(body)).toBe(true);
      if (isJson) for (const one of bodies) expect(responseProblems(method, template, res.status, one)).toEqual([]);
    },
  );

  it('answers errors in the ErrorCollection shape the spec documents', async () => {
    const site = aSite();
    const res = await site.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' } },
    });
    expect(res.status).toBe(400);
    expect(responseProblems('POST', '/rest/api/3/issue', 400, await res.json())).toEqual([]);
  });

  it('validates its own reply validator: a wrong shape is reported', () => {
    expect(responseProblems('GET', '/rest/api/3/myself', 200, { accountId: 1, surprise: true }).length).toBeGreaterThan(
      0,
    );
  });
});
