/**
 * Conformance with a client we did not write: jira.js 5.4.0's Version2Client (REST v2) drives the emulated Jira
 * Data Center 10.3 over HTTP, authenticated with personal access tokens as `Authorization: Bearer` (jira.js's
 * `oauth2.accessToken` sends exactly that header), through the calls a Data Center adapter makes. Each reply is
 * read back through the client and checked against the v2 shapes the Data Center REST reference documents (see
 * src/local/README.md, "Emulated Jira Data Center").
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Version2Client } from 'jira.js';
import { startDcServer, type DcHarness } from '../local/jira-dc/harness';

let dc: DcHarness;
let annaToken = '';

const clientWith = (token: string): Version2Client =>
  new Version2Client({ host: dc.origin, authentication: { oauth2: { accessToken: token } } });
const anna = (): Version2Client => clientWith(annaToken);

async function refusal(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { status?: number; data?: unknown } };
    return { status: e.status ?? e.response?.status ?? 0, data: e.response?.data };
  }
  throw new Error('the call was accepted, but Jira refuses it');
}

const newIssue = (summary: string, fields: Record<string, unknown> = {}) =>
  anna().issues.createIssue({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary, ...fields } });

beforeEach(async () => {
  dc = await startDcServer();
  annaToken = dc.jira.createPat('anna.schmidt', 'conformance').token;
});

afterEach(async () => {
  await dc.close();
});

describe('Jira Data Center through jira.js Version2Client', () => {
  it('reports the emulated Data Center version in serverInfo', async () => {
    const info = await anna().serverInfo.getServerInfo();
    expect(info.version).toBe('10.3.0');
    expect(info.versionNumbers).toEqual([10, 3, 0]);
    expect(info.baseUrl).toBe(dc.origin);
  });

  it('answers myself and users by username and by key, with the same stable key', async () => {
    const me = (await anna().myself.getCurrentUser()) as unknown as { key: string; name: string };
    expect(me.name).toBe('anna.schmidt');
    // jira.js types getUser with Cloud's accountId only, so Data Center's parameters go through its own transport.
    const getUser = (params: Record<string, string>) =>
      anna().sendRequest<{ key: string; name: string; displayName: string }>(
        { url: '/rest/api/2/user', method: 'GET', params },
        undefined as never,
      );
    const byName = await getUser({ username: 'chloe.dubois' });
    expect(byName.key).toMatch(/^JIRAUSER\d+$/);
    expect(await getUser({ key: byName.key })).toMatchObject({ name: 'chloe.dubois', displayName: 'Chloé Dubois' });
  });

  it('finds users and assignable users with the username parameter', async () => {
    const found = (await anna().userSearch.findUsers({ username: 'chl' })) as unknown as { name: string }[];
    expect(found.map((u) => u.name)).toEqual(['chloe.dubois']);
    const assignable = (await anna().userSearch.findAssignableUsers({ project: 'DEMO' })) as unknown as {
      name: string;
    }[];
    expect(assignable.map((u) => u.name)).toContain('erin.walsh');
    expect(assignable.map((u) => u.name)).not.toContain('greta.vogel');
  });

  it('creates an issue with a wiki description and a user by name, and reads both back as sent', async () => {
    const wiki = 'h2. Scope\n\n* one\n* *two*\n\n{code}x = 1{code}';
    const created = await newIssue('Wiki issue', { description: wiki, assignee: { name: 'chloe.dubois' } });
    const issue = await anna().issues.getIssue({ issueIdOrKey: created.key });
    expect(issue.fields.description).toBe(wiki);
    const assignee = issue.fields.assignee as unknown as { name: string; key: string };
    expect(assignee.name).toBe('chloe.dubois');
    expect(assignee.key).toMatch(/^JIRAUSER/);
  });

  it('edits an issue and shows the change in its changelog', async () => {
    const created = await newIssue('Before');
    await anna().issues.editIssue({
      issueIdOrKey: created.key,
      fields: { summary: 'After', description: 'new *text*' },
    });
    const issue = await anna().issues.getIssue({ issueIdOrKey: created.key, expand: 'changelog' });
    expect(issue.fields.summary).toBe('After');
    expect(issue.fields.description).toBe('new *text*');
    const items = (issue.changelog?.histories ?? []).flatMap((h) => h.items ?? []);
    expect(items.map((i) => i.field)).toContain('summary');
  });

  it('pages search results with startAt, maxResults and total, by GET and by POST', async () => {
    for (const n of [1, 2, 3, 4, 5]) await newIssue(`Paged ${n}`);
    const page = await anna().issueSearch.searchForIssuesUsingJql({
      jql: 'project = DEMO ORDER BY key ASC',
      startAt: 2,
      maxResults: 2,
      fields: ['summary'],
    });
    expect(page).toMatchObject({ startAt: 2, maxResults: 2, total: 5 });
    expect(page.issues?.map((i) => i.fields.summary)).toEqual(['Paged 3', 'Paged 4']);
    const post = await anna().issueSearch.searchForIssuesUsingJqlPost({
      jql: 'project = DEMO AND assignee IS EMPTY ORDER BY key DESC',
      maxResults: 1,
    });
    expect(post.total).toBe(5);
    expect(post.issues?.[0]?.fields.summary).toBe('Paged 5');
  });

  it('searches people by user name in JQL', async () => {
    await newIssue('Chloé works', { assignee: { name: 'chloe.dubois' } });
    await newIssue('Nobody works');
    const page = await anna().issueSearch.searchForIssuesUsingJql({ jql: 'assignee = chloe.dubois' });
    expect(page.issues?.map((i) => i.fields.summary)).toEqual(['Chloé works']);
  });

  it('lists and runs transitions', async () => {
    const created = await newIssue('Moves');
    const { transitions } = await anna().issues.getTransitions({ issueIdOrKey: created.key });
    const start = transitions?.find((t) => t.to?.name === 'In Progress');
    expect(start?.id).toBe('11');
    await anna().issues.doTransition({ issueIdOrKey: created.key, transition: { id: start?.id ?? '' } });
    const issue = await anna().issues.getIssue({ issueIdOrKey: created.key, fields: ['status'] });
    expect(issue.fields.status.name).toBe('In Progress');
  });

  it('adds, reads, edits and deletes comments as wiki text, with the author by key and name', async () => {
    const created = await newIssue('Talk');
    const added = await anna().issueComments.addComment({ issueIdOrKey: created.key, comment: 'Hello _there_' });
    expect((added as { body?: unknown }).body).toBe('Hello _there_');
    expect(added.author as unknown as { name: string }).toMatchObject({ name: 'anna.schmidt' });
    await anna().issueComments.updateComment({ issueIdOrKey: created.key, id: added.id ?? '', comment: 'Edited' });
    const list = await anna().issueComments.getComments({ issueIdOrKey: created.key });
    expect(list.comments?.map((c) => (c as { body?: unknown }).body)).toEqual(['Edited']);
    await anna().issueComments.deleteComment({ issueIdOrKey: created.key, id: added.id ?? '' });
    expect((await anna().issueComments.getComments({ issueIdOrKey: created.key })).total).toBe(0);
  });

  it('stores and reads issue properties', async () => {
    const created = await newIssue('Marked');
    await anna().issueProperties.setIssueProperty({
      issueIdOrKey: created.key,
      propertyKey: 'b24-sync',
      propertyValue: { taskId: '42' },
    });
    const property = await anna().issueProperties.getIssueProperty({
      issueIdOrKey: created.key,
      propertyKey: 'b24-sync',
    });
    expect(property.value).toEqual({ taskId: '42' });
  });

  it('answers mypermissions for the permissions asked', async () => {
    const greta = clientWith(dc.jira.createPat('greta.vogel', 'browse only').token);
    const mine = await greta.permissions.getMyPermissions({
      projectKey: 'DEMO',
      permissions: 'EDIT_ISSUES,BROWSE_PROJECTS',
    });
    const held = mine.permissions as Record<string, { havePermission?: boolean } | undefined>;
    expect(held.EDIT_ISSUES?.havePermission).toBe(false);
    expect(held.BROWSE_PROJECTS?.havePermission).toBe(true);
  });

  it('pages create metadata as values, issue types and then the fields of one', async () => {
    const types = (await anna().issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: 'DEMO' })) as unknown as {
      values: { id: string; name: string }[];
      isLast: boolean;
    };
    expect(types.isLast).toBe(true);
    const task = types.values.find((t) => t.name === 'Task');
    const fields = (await anna().issues.getCreateIssueMetaIssueTypeId({
      projectIdOrKey: 'DEMO',
      issueTypeId: task?.id ?? '',
    })) as unknown as { values: { fieldId: string; required: boolean }[] };
    expect(fields.values.find((f) => f.fieldId === 'summary')?.required).toBe(true);
    expect(fields.values.map((f) => f.fieldId)).toContain('description');
  });

  it('creates issues in bulk', async () => {
    const created = await anna().issues.createIssues({
      issueUpdates: [1, 2].map((n) => ({
        fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: `Bulk ${n}`, description: `*${n}*` },
      })),
    });
    expect(created.issues?.length).toBe(2);
    const second = await anna().issues.getIssue({ issueIdOrKey: created.issues?.[1]?.key ?? '' });
    expect(second.fields.description).toBe('*2*');
  });

  it('attaches a file through the client and serves it from its content URL', async () => {
    const created = await newIssue('With a file');
    const result = await new Promise<{ ok: boolean; created?: { content: string }[] }>((resolve, reject) =>
      execFile(
        process.execPath,
        [join(__dirname, 'jira-dc-attach.js'), dc.origin, annaToken, created.key],
        (error, stdout) => (error ? reject(new Error(error.message)) : resolve(JSON.parse(stdout) as { ok: boolean })),
      ),
    );
    expect(result.ok).toBe(true);
    const content = result.created?.[0]?.content ?? '';
    expect(content).toMatch(/\/secure\/attachment\/\d+\/hello\.txt$/);
    const download = await fetch(content, { headers: { Authorization: `Bearer ${annaToken}` } });
    expect(await download.text()).toBe('hello');
  });

  it('refuses a missing issue with the v2 error collection', async () => {
    const refused = await refusal(anna().issues.getIssue({ issueIdOrKey: 'DEMO-999' }));
    expect(refused.status).toBe(404);
    expect(refused.data).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  });
});
