/**
 * Data Center's refusals and identities on REST v2: the XSRF guard on uploads ([REST] "api/2/issue/{id}/attachments":
 * "you must submit a header of X-Atlassian-Token: no-check with the request, otherwise it will be blocked"), the
 * v2 error collection, wiki text where v3 would take ADF, users whose name changes while their key stays, and the
 * site's e-mail visibility.
 */
import { call, issueFields, newDc } from './call';

function setUp() {
  const dc = newDc();
  return { ...dc, token: dc.jira.createPat('anna.schmidt', 'tests').token };
}

describe('Jira Data Center refusals and identities', () => {
  it('refuses an upload without X-Atlassian-Token: no-check with 403 and keeps nothing', async () => {
    const { jira, token } = setUp();
    const issue = (await call(jira, 'POST', '/rest/api/2/issue', { token, body: issueFields('Files') })).body as {
      key: string;
    };
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
      return f;
    };
    const refused = await call(jira, 'POST', `/rest/api/2/issue/${issue.key}/attachments`, { token, body: form() });
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('XSRF check failed');
    const after = await call(jira, 'GET', `/rest/api/2/issue/${issue.key}?fields=attachment`, { token });
    expect((after.body as { fields: { attachment: unknown[] } }).fields.attachment).toEqual([]);
    const accepted = await call(jira, 'POST', `/rest/api/2/issue/${issue.key}/attachments`, {
      token,
      body: form(),
      headers: { 'X-Atlassian-Token': 'no-check' },
    });
    expect(accepted.status).toBe(200);
  });

  it('answers a refused create with the v2 error collection, field by field', async () => {
    const { jira, token } = setUp();
    const refused = await call(jira, 'POST', '/rest/api/2/issue', {
      token,
      body: { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' } } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorMessages: [],
      errors: { summary: 'You must specify a summary of the issue.' },
    });
  });

  it('refuses JQL on an issue property, which no plugin of the site indexes', async () => {
    const { jira, token } = setUp();
    const jql = encodeURIComponent('issue.property[b24sync].taskId = "7"');
    const refused = await call(jira, 'GET', `/rest/api/2/search?jql=${jql}`, { token });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorMessages: ["Field 'issue.property[b24sync]' does not exist or you do not have permission to view it."],
      errors: {},
    });
  });

  it('refuses an assignee nobody is named, before anything is created', async () => {
    const { jira, token } = setUp();
    const refused = await call(jira, 'POST', '/rest/api/2/issue', {
      token,
      body: issueFields('Ghost', { assignee: { name: 'nobody' } }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: [], errors: { assignee: "User 'nobody' does not exist." } });
    const search = await call(jira, 'GET', '/rest/api/2/search?jql=project%3DDEMO', { token });
    expect((search.body as { total: number }).total).toBe(0);
  });

  it('refuses a description that is not wiki text (an ADF document is v3 only)', async () => {
    const { jira, token } = setUp();
    const adf = { type: 'doc', version: 1, content: [] };
    const refused = await call(jira, 'POST', '/rest/api/2/issue', {
      token,
      body: issueFields('ADF', { description: adf }),
    });
    expect(refused.status).toBe(400);
    expect(Object.keys((refused.body as { errors: object }).errors)).toEqual(['description']);
  });

  it('keeps a renamed user under the same key: the old name is gone, issues show the new one', async () => {
    const { jira, token } = setUp();
    const created = (
      await call(jira, 'POST', '/rest/api/2/issue', {
        token,
        body: issueFields('Owned', { assignee: { name: 'chloe.dubois' } }),
      })
    ).body as { key: string };
    const before = (await call(jira, 'GET', '/rest/api/2/user?username=chloe.dubois', { token })).body as {
      key: string;
    };
    jira.renameUser('chloe.dubois', 'chloe.martin');
    const byKey = await call(jira, 'GET', `/rest/api/2/user?key=${before.key}`, { token });
    expect(byKey.body).toMatchObject({ key: before.key, name: 'chloe.martin' });
    const old = await call(jira, 'GET', '/rest/api/2/user?username=chloe.dubois', { token });
    expect(old.status).toBe(404);
    expect(old.body).toEqual({ errorMessages: ["The user named 'chloe.dubois' does not exist"], errors: {} });
    const issue = (await call(jira, 'GET', `/rest/api/2/issue/${created.key}`, { token })).body as {
      fields: { assignee: { key: string; name: string } };
    };
    expect(issue.fields.assignee).toMatchObject({ key: before.key, name: 'chloe.martin' });
    const search = await call(jira, 'GET', '/rest/api/2/search?jql=assignee%3Dchloe.martin', { token });
    expect((search.body as { total: number }).total).toBe(1);
  });

  it('shows, hides or masks e-mail addresses as the site is set', async () => {
    const { jira, token } = setUp();
    const email = async () =>
      ((await call(jira, 'GET', '/rest/api/2/user?username=ben.carter', { token })).body as { emailAddress?: string })
        .emailAddress;
    expect(await email()).toBe('ben.carter@example.com');
    jira.setEmailVisibility('masked');
    expect(await email()).toBe('ben dot carter at example dot com');
    jira.setEmailVisibility('hidden');
    expect(await email()).toBeUndefined();
  });

  it('needs a username or key to read a user', async () => {
    const { jira, token } = setUp();
    const refused = await call(jira, 'GET', '/rest/api/2/user', { token });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorMessages: ["Either the 'username' or the 'key' query parameters need to be provided"],
      errors: {},
    });
  });
});
