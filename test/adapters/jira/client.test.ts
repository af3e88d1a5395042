import { PermanentError, RetryableError } from '../../../src/core/errors';
import { createJiraClient } from '../../../src/adapters/jira/client';
import { fakeTransport, fixedClock, fixtureJson, jiraIssueJson, reply } from '../support';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  return {
    jira: createJiraClient(fake.transport, { clock: fixedClock(NOW), boundary: () => 'BOUNDARY' }),
    requests: fake.requests,
  };
};

describe('Jira client: issues', () => {
  it('reads an issue with the sync fields, gathering customfield_* into fields.custom', async () => {
    const { jira, requests } = client(reply(200, jiraIssueJson()));
    const read = await jira.getIssue('SUP-3', { customFields: ['customfield_10050'] });
    expect(read?.issue.fields.summary).toBe('Test issue');
    expect(read?.issue.fields.status).toEqual({ id: '10003', name: 'To Do', statusCategory: { key: 'new' } });
    expect(read?.issue.fields.custom).toEqual({ customfield_10050: 'QA' });
    expect(read?.transitions).toBeUndefined();
    expect(requests[0]?.url).toMatch(/^\/rest\/api\/3\/issue\/SUP-3\?fields=summary%2Cdescription.*customfield_10050$/);
  });

  it('asks for transitions with expand=transitions and returns them with their required fields', async () => {
    const transitions = (fixtureJson('jira/openapi-examples/get-transitions.200.json') as { transitions: unknown[] })
      .transitions;
    const { jira, requests } = client(reply(200, { ...jiraIssueJson(), transitions }));
    const read = await jira.getIssue('10041', { withTransitions: true });
    expect(requests[0]?.url).toContain('expand=transitions');
    expect(read?.transitions?.map((t) => t.to.name)).toEqual(['In Progress', 'Closed']);
  });

  it('returns null for an issue that is gone (404)', async () => {
    const { jira } = client(
      reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }),
    );
    await expect(jira.getIssue('SUP-9')).resolves.toBeNull();
  });

  it("refuses Atlassian's example issue, which lacks status and summary, as an invalid reply with the cause kept", async () => {
    const { jira } = client(reply(200, fixtureJson('jira/openapi-examples/get-issue.200.json')));
    const error: unknown = await jira.getIssue('ED-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ reason: 'invalid-reply', retryable: false });
    expect((error as Error).message).toMatch(/summary/);
    expect((error as Error).cause).toBeDefined();
  });

  it('creates an issue with the B24 task marker as an issue property in the same call', async () => {
    const { jira, requests } = client(reply(201, fixtureJson('jira/openapi-examples/create-issue.201.json')));
    const created = await jira.createIssue({ summary: 'S', project: { key: 'ED' }, issuetype: { name: 'Task' } }, [
      { key: 'b24.task', value: { taskId: '8017' } },
    ]);
    expect(created).toEqual({ id: '10000', key: 'ED-24' });
    expect(requests[0]?.init.method).toBe('POST');
    expect(requests[0]?.json).toEqual({
      fields: { summary: 'S', project: { key: 'ED' }, issuetype: { name: 'Task' } },
      properties: [{ key: 'b24.task', value: { taskId: '8017' } }],
    });
  });

  it("keeps Jira's errorMessages and field errors in the message of a 400", async () => {
    const { jira } = client(reply(400, fixtureJson('jira/openapi-examples/create-issue.400.json')));
    await expect(jira.createIssue({ summary: 'S' })).rejects.toMatchObject({
      reason: 'invalid-request',
      code: 'jira:400',
      message: expect.stringContaining("Field 'priority' is required") as unknown,
    });
    const fields = client(reply(400, fixtureJson('jira/openapi-examples/create-remote-link.400.field-errors.json')));
    await expect(fields.jira.updateIssue('X-1', { summary: '' })).rejects.toThrow("title: 'title' is required.");
  });

  it('edits with PUT and only the given fields, without notifyUsers (it needs admin rights)', async () => {
    const { jira, requests } = client(reply(204, ''));
    await jira.updateIssue('SUP-3', { summary: 'New', duedate: null });
    expect(requests[0]).toMatchObject({
      url: '/rest/api/3/issue/SUP-3',
      init: { method: 'PUT' },
      json: { fields: { summary: 'New', duedate: null } },
    });
  });

  it('lists transitions with their screen fields and reports required ones without defaults', async () => {
    const { jira, requests } = client(reply(200, fixtureJson('jira/openapi-examples/get-transitions.200.json')));
    const transitions = await jira.getTransitions('SUP-3');
    expect(requests[0]?.url).toBe('/rest/api/3/issue/SUP-3/transitions?expand=transitions.fields');
    expect(transitions[0]).toMatchObject({
      id: '2',
      name: 'Close Issue',
      to: { id: '10000', name: 'In Progress' },
      requiredFields: [],
    });
  });

  it('transitions by id', async () => {
    const { jira, requests } = client(reply(204, ''));
    await jira.doTransition('SUP-3', '21');
    expect(requests[0]?.json).toEqual({ transition: { id: '21' } });
  });

  it('pages JQL search by nextPageToken and omits the token on the last page', async () => {
    const page1 = { issues: [jiraIssueJson()], nextPageToken: 'EgQIlMIC', isLast: false };
    const page2 = { issues: [jiraIssueJson({ summary: 'Second' })], isLast: true };
    const { jira, requests } = client(reply(200, page1), reply(200, page2));
    const first = await jira.searchJql('issue.property[b24.task].taskId = "8017"');
    const second = await jira.searchJql('issue.property[b24.task].taskId = "8017"', {
      nextPageToken: first.nextPageToken ?? '',
    });
    expect(first.nextPageToken).toBe('EgQIlMIC');
    expect(second).toEqual({
      issues: [expect.objectContaining({ fields: expect.objectContaining({ summary: 'Second' }) as unknown })],
    });
    expect(requests[1]?.json).toMatchObject({ nextPageToken: 'EgQIlMIC', maxResults: 50 });
  });

  it('reads a missing issue property as undefined and writes one with PUT', async () => {
    const { jira, requests } = client(reply(404, { errorMessages: ['not found'] }), reply(200, ''));
    await expect(jira.getIssueProperty('SUP-3', 'b24.task')).resolves.toBeUndefined();
    await jira.setIssueProperty('SUP-3', 'b24.task', { taskId: '8017' });
    expect(requests[1]).toMatchObject({
      url: '/rest/api/3/issue/SUP-3/properties/b24.task',
      init: { method: 'PUT' },
      json: { taskId: '8017' },
    });
  });
});

describe('Jira client: error translation', () => {
  it('turns 429 with Retry-After (seconds) into a retryable rate limit', async () => {
    const { jira } = client(reply(429, '', { 'Retry-After': '7' }));
    await expect(jira.getMyself()).rejects.toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterMs: 7000,
    });
  });

  it('falls back to X-RateLimit-Reset (ISO timestamp) for the wait', async () => {
    const { jira } = client(reply(429, '', { 'X-RateLimit-Reset': '2026-03-02T10:15Z' }));
    const error: unknown = await jira.getMyself().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(15 * 60 * 1000);
  });

  it.each([
    [500, 'server-error', true],
    [503, 'server-error', true],
    [401, 'unauthorized', false],
    [403, 'forbidden', false],
    [404, 'not-found', false],
    [409, 'conflict', false],
  ])('HTTP %i → %s (retryable %s)', async (status, reason, retryable) => {
    const { jira } = client(reply(status, { errorMessages: ['x'] }));
    await expect(jira.getMyself()).rejects.toMatchObject({ reason, retryable, code: `jira:${status}` });
  });

  it('turns a transport failure into a retryable network error and a timeout into a timeout', async () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    const { jira } = client(new Error('ECONNRESET'), timeout);
    await expect(jira.getMyself()).rejects.toMatchObject({ reason: 'network', retryable: true });
    await expect(jira.getMyself()).rejects.toMatchObject({ reason: 'timeout', retryable: true });
  });

  it('refuses a reply that is not JSON as invalid', async () => {
    const { jira } = client(reply(200, '<html>oops</html>'));
    await expect(jira.getMyself()).rejects.toMatchObject({ reason: 'invalid-reply' });
  });
});
