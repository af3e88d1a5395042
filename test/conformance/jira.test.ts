/**
 * Conformance with a client we did not write: jira.js 5.4.0 (Version3Client, Basic auth as a person) drives the
 * emulated Jira, served by the sandbox server on a random port, through every call the app makes plus issue search
 * with paging, and checks the documented replies and refusals (Atlassian's REST v3 reference; see
 * src/local/README.md, "Emulated Jira"). Each refusal here is one the emulator used to let through, or a request
 * it used to refuse although Jira accepts it.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { Version3Client } from 'jira.js';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { createSandboxServer, listen } from '../../src/local/sandbox/server';

const ANNA = { email: 'anna.schmidt@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01' };
const CHLOE = { email: 'chloe.dubois@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e03' };
const DMITRI = { email: 'dmitri.ivanov@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04' };
const GRETA = { email: 'greta.vogel@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e06' };

const adf = (text: string) => ({
  type: 'doc' as const,
  version: 1 as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});

let server: Server;
let platform: LocalPlatform;
let origin = '';

const clientFor = (email: string): Version3Client =>
  new Version3Client({ host: `${origin}/jira`, authentication: { basic: { email, apiToken: 'conformance-token' } } });

/** A refused call's status and Jira ErrorCollection, as jira.js surfaces them. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { data?: unknown } };
    return { status: e.status ?? 0, data: e.response?.data };
  }
  throw new Error('the call was accepted, but Jira refuses it');
}

/** jira.js's addAttachment in plain Node (see jira-attach.js for why). */
function attachWithJiraJs(email: string, issueIdOrKey: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'jira-attach.js'), `${origin}/jira`, email, issueIdOrKey],
      (error, stdout) => {
        if (error) reject(new Error(`jira-attach.js failed: ${error.message}`));
        else resolve(JSON.parse(stdout) as unknown);
      },
    );
  });
}

const anna = (): Version3Client => clientFor(ANNA.email);
const newIssue = async (summary: string, fields: Record<string, unknown> = {}): Promise<{ id: string; key: string }> =>
  anna().issues.createIssue({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary, ...fields } });

beforeAll(async () => {
  let base = 'http://127.0.0.1:0';
  platform = await LocalPlatform.create({ clock: new ManualClock(), seedApp });
  server = createSandboxServer(platform, () => base);
  const port = await listen(server, 0);
  base = origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await platform.reset();
  platform.jira.limits.searchLagMs = 0;
});

describe('the calls the app makes, as jira.js makes them', () => {
  it('creates (with properties), reads, edits, transitions and deletes an issue', async () => {
    const created = await anna().issues.createIssue({
      fields: {
        project: { key: 'DEMO' },
        issuetype: { name: 'Task' },
        summary: 'Conformance',
        description: adf('Body'),
        priority: { name: 'High' },
        duedate: '2026-12-01',
        customfield_10050: 'C-1',
      },
      properties: [{ key: 'b24-sync', value: { taskId: '7' } }],
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^\d+$/),
      key: 'DEMO-1',
      self: expect.stringContaining(`/rest/api/3/issue/${created.id}`),
    });
    const read = await anna().issues.getIssue({
      issueIdOrKey: created.key,
      fields: ['summary', 'priority', 'customfield_10050'],
      properties: ['b24-sync'],
    });
    expect(read.fields).toMatchObject({ summary: 'Conformance', priority: { name: 'High' }, customfield_10050: 'C-1' });
    expect(read.properties).toEqual({ 'b24-sync': { taskId: '7' } });
    await anna().issues.editIssue({
      issueIdOrKey: created.id,
      fields: { summary: 'Edited', assignee: { accountId: CHLOE.accountId } },
    });
    const transitions = await anna().issues.getTransitions({ issueIdOrKey: created.id, expand: 'transitions.fields' });
    const start = transitions.transitions?.find((t) => t.to?.name === 'In Progress');
    await anna().issues.doTransition({ issueIdOrKey: created.id, transition: { id: start?.id ?? '' } });
    expect(
      (await anna().issues.getIssue({ issueIdOrKey: created.id, fields: ['status', 'assignee'] })).fields,
    ).toMatchObject({ status: { name: 'In Progress' }, assignee: { accountId: CHLOE.accountId } });
    await anna().issueProperties.setIssueProperty({
      issueIdOrKey: created.id,
      propertyKey: 'b24-sync',
      propertyValue: { taskId: '8' },
    });
    expect(
      await anna().issueProperties.getIssueProperty({ issueIdOrKey: created.id, propertyKey: 'b24-sync' }),
    ).toMatchObject({ key: 'b24-sync', value: { taskId: '8' } });
    await anna().issues.deleteIssue({ issueIdOrKey: created.id });
    expect((await refusal(anna().issues.getIssue({ issueIdOrKey: created.id }))).status).toBe(404);
  });

  it('adds, lists, edits and deletes comments', async () => {
    const { id } = await newIssue('Talk');
    const comment = await anna().issueComments.addComment({ issueIdOrKey: id, comment: adf('First') });
    await anna().issueComments.updateComment({ issueIdOrKey: id, id: comment.id ?? '', body: adf('First, edited') });
    const page = await anna().issueComments.getComments({ issueIdOrKey: id, startAt: 0, maxResults: 50 });
    expect(page).toMatchObject({ startAt: 0, total: 1, comments: [{ id: comment.id, body: adf('First, edited') }] });
    await anna().issueComments.deleteComment({ issueIdOrKey: id, id: comment.id ?? '' });
    expect((await anna().issueComments.getComments({ issueIdOrKey: id })).total).toBe(0);
  });

  it('attaches a file and reads it back; a browse-only person may not attach', async () => {
    const { id } = await newIssue('With a file');
    const uploaded = await attachWithJiraJs(ANNA.email, id);
    expect(uploaded).toMatchObject({ ok: true, created: [{ filename: 'hello.txt', size: 5 }] });
    const attachmentId = (uploaded as { created: { id: string }[] }).created[0]?.id ?? '';
    const content = await anna().issueAttachments.getAttachmentContent({ id: attachmentId, redirect: false });
    expect(Buffer.from(content as unknown as ArrayBuffer).toString('utf8')).toBe('hello');
    expect(await attachWithJiraJs(GRETA.email, id)).toEqual({
      ok: false,
      status: 403,
      data: { errorMessages: ['You do not have permission to create attachments for this issue.'], errors: {} },
    });
  });

  it('answers the directory calls: myself, user, user search, my permissions, project, statuses', async () => {
    expect(await anna().myself.getCurrentUser()).toMatchObject({ accountId: ANNA.accountId, emailAddress: ANNA.email });
    expect(await anna().users.getUser({ accountId: CHLOE.accountId })).toMatchObject({ displayName: 'Chloé Dubois' });
    expect((await anna().userSearch.findUsers({ query: 'dmitri' })).map((u) => u.accountId)).toEqual([
      DMITRI.accountId,
    ]);
    const mine = await clientFor(DMITRI.email).permissions.getMyPermissions({
      projectKey: 'DEMO',
      permissions: 'BROWSE_PROJECTS,EDIT_ISSUES,CREATE_ISSUES',
    });
    expect(Object.fromEntries(Object.entries(mine.permissions ?? {}).map(([k, v]) => [k, v.havePermission]))).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: false,
      CREATE_ISSUES: true,
    });
    expect(await anna().projects.getProject({ projectIdOrKey: 'DEMO' })).toMatchObject({ key: 'DEMO', id: '10000' });
    const statuses = await anna().projects.getAllStatuses({ projectIdOrKey: 'DEMO' });
    expect(statuses[0]?.statuses?.map((s) => s.name)).toEqual([
      'To Do',
      'In Progress',
      'In Review',
      'QA Testing',
      'On Hold',
      'Done',
    ]);
  });

  it('refuses the all-users listing to a person without the Browse users and groups global permission', async () => {
    // The app lists accounts as itself (it holds the permission); Anna administers Jira but was never granted it.
    expect((await refusal(anna().users.getAllUsers({ startAt: 0, maxResults: 1000 }))).status).toBe(403);
  });

  it('serves the site fields, the statuses, create metadata with the project priorities, edit metadata and assignable people', async () => {
    const fields = await anna().issueFields.getFields();
    expect(fields.filter((f) => f.custom).map((f) => [f.id, f.name])).toEqual([
      ['customfield_10050', 'Contract'],
      ['customfield_10042', 'Budget'],
      ['customfield_10060', 'Customer tier'],
      ['customfield_10070', 'Cost centre'],
    ]);
    expect((await anna().workflowStatuses.getStatuses()).map((s) => s.name)).toContain('QA Testing');
    const types = await anna().issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: 'DEMO' });
    const task = types.issueTypes?.find((t) => t.name === 'Task');
    const meta = await anna().issues.getCreateIssueMetaIssueTypeId({
      projectIdOrKey: 'DEMO',
      issueTypeId: task?.id ?? '',
    });
    const ids = (meta.fields ?? []).map((f) => f.fieldId);
    expect(ids).toEqual(
      expect.arrayContaining(['summary', 'assignee', 'priority', 'customfield_10050', 'customfield_10060']),
    );
    expect(ids).not.toContain('customfield_10070');
    expect(
      (meta.fields ?? [])
        .find((f) => f.fieldId === 'priority')
        ?.allowedValues?.map((p) => (p as { name: string }).name),
    ).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    const { id } = await newIssue('Meta');
    const edit = await clientFor(CHLOE.email).issues.getEditIssueMeta({ issueIdOrKey: id });
    expect(Object.keys(edit.fields ?? {})).toEqual(
      expect.arrayContaining(['summary', 'assignee', 'customfield_10060']),
    );
    expect(Object.keys(edit.fields ?? {})).not.toContain('reporter');
    const assignable = await anna().userSearch.findAssignableUsers({ project: 'DEMO', query: '' });
    expect(assignable.map((u) => u.accountId)).not.toContain(GRETA.accountId);
    expect(assignable.map((u) => u.accountId)).toContain(CHLOE.accountId);
  });

  it('pages a search with nextPageToken, by POST and by GET', async () => {
    for (let i = 0; i < 5; i += 1) await newIssue(`Paged ${i}`, i % 2 === 0 ? { priority: { name: 'High' } } : {});
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await anna().issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql: 'project = DEMO ORDER BY created ASC',
        fields: ['summary'],
        maxResults: 2,
        ...(token ? { nextPageToken: token } : {}),
      });
      seen.push(...(page.issues ?? []).map((i) => (i.fields as { summary: string }).summary));
      token = page.nextPageToken ?? undefined;
    } while (token);
    expect(seen).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const byGet = await anna().issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = DEMO ORDER BY priority DESC, created ASC',
      fields: ['summary', 'priority'],
      maxResults: 5,
    });
    expect(byGet.issues?.map((i) => (i.fields as { summary: string }).summary)).toEqual([
      'Paged 0',
      'Paged 2',
      'Paged 4',
      'Paged 1',
      'Paged 3',
    ]);
  });
});

describe('search is eventually consistent, as Atlassian documents', () => {
  it('does not see a just-written issue until the index catches up, unless reconcileIssues names it', async () => {
    platform.jira.limits.searchLagMs = 60_000;
    const fresh = await newIssue('Just written');
    const lagging = await anna().issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
      jql: 'project = DEMO',
      fields: ['summary'],
    });
    expect(lagging.issues?.map((i) => i.id)).not.toContain(fresh.id);
    const reconciled = await anna().issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
      jql: 'project = DEMO',
      fields: ['summary'],
      reconcileIssues: [Number(fresh.id)],
    });
    expect(reconciled.issues?.map((i) => i.id)).toContain(fresh.id);
    platform.jira.limits.searchLagMs = 0;
  });
});

describe('what Jira refuses', () => {
  it('refuses people who create, edit, delete or set properties without the permission for it', async () => {
    const { id } = await newIssue('Guarded');
    const greta = clientFor(GRETA.email);
    expect(
      await refusal(
        greta.issues.createIssue({
          fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Nope' },
        }),
      ),
    ).toEqual({
      status: 400,
      data: { errorMessages: [], errors: { project: 'You do not have permission to create issues in this project.' } },
    });
    expect(await refusal(greta.issues.editIssue({ issueIdOrKey: id, fields: { summary: 'Nope' } }))).toEqual({
      status: 400,
      data: {
        errorMessages: [],
        errors: { summary: "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown." },
      },
    });
    expect((await refusal(clientFor(CHLOE.email).issues.deleteIssue({ issueIdOrKey: id }))).status).toBe(403);
    expect(
      (
        await refusal(
          greta.issueProperties.setIssueProperty({ issueIdOrKey: id, propertyKey: 'x', propertyValue: { a: 1 } }),
        )
      ).status,
    ).toBe(403);
  });

  it('refuses an assignee who may not be assigned, under errors.assignee, and changes nothing', async () => {
    const { id } = await newIssue('Owner');
    expect(
      await refusal(
        anna().issues.editIssue({
          issueIdOrKey: id,
          fields: { summary: 'Renamed', assignee: { accountId: GRETA.accountId } },
        }),
      ),
    ).toEqual({
      status: 400,
      data: { errorMessages: [], errors: { assignee: "User 'Greta Vogel' cannot be assigned issues." } },
    });
    expect((await anna().issues.getIssue({ issueIdOrKey: id, fields: ['summary'] })).fields.summary).toBe('Owner');
  });

  it('refuses a reporter change without Modify Reporter', async () => {
    const { id } = await newIssue('Reported');
    expect(
      await refusal(
        clientFor(CHLOE.email).issues.editIssue({
          issueIdOrKey: id,
          fields: { reporter: { accountId: CHLOE.accountId } },
        }),
      ),
    ).toEqual({
      status: 400,
      data: {
        errorMessages: [],
        errors: { reporter: "Field 'reporter' cannot be set. It is not on the appropriate screen, or unknown." },
      },
    });
  });

  it("lets a person edit and delete only their own comments unless they hold the 'all comments' permissions", async () => {
    const { id } = await newIssue('Comments');
    const annas = await anna().issueComments.addComment({ issueIdOrKey: id, comment: adf('Anna wrote this') });
    const dmitri = clientFor(DMITRI.email);
    expect(
      await refusal(
        dmitri.issueComments.updateComment({ issueIdOrKey: id, id: annas.id ?? '', body: adf('Overwritten') }),
      ),
    ).toEqual({
      status: 400,
      data: { errorMessages: ['You do not have the permission to edit this comment.'], errors: {} },
    });
    expect((await refusal(dmitri.issueComments.deleteComment({ issueIdOrKey: id, id: annas.id ?? '' }))).status).toBe(
      400,
    );
    const own = await dmitri.issueComments.addComment({ issueIdOrKey: id, comment: adf('Mine') });
    await dmitri.issueComments.updateComment({ issueIdOrKey: id, id: own.id ?? '', body: adf('Mine, edited') });
    await anna().issueComments.deleteComment({ issueIdOrKey: id, id: own.id ?? '' });
    expect(
      await refusal(clientFor(GRETA.email).issueComments.addComment({ issueIdOrKey: id, comment: adf('Browse only') })),
    ).toEqual({
      status: 400,
      data: { errorMessages: ['You do not have the permission to comment on this issue.'], errors: {} },
    });
  });

  it('refuses a custom field off the screen, an unknown one, and a value the field does not allow', async () => {
    const { id } = await newIssue('Fields');
    const notOnScreen = (f: string): string =>
      `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;
    expect(
      await refusal(
        anna().issues.editIssue({
          issueIdOrKey: id,
          fields: { customfield_10070: 'R&D', customfield_19999: 'x', customfield_10060: { value: 'Platinum' } },
        }),
      ),
    ).toEqual({
      status: 400,
      data: {
        errorMessages: [],
        errors: {
          customfield_10070: notOnScreen('customfield_10070'),
          customfield_19999: notOnScreen('customfield_19999'),
          customfield_10060: "Option value 'Platinum' is not valid",
        },
      },
    });
    await anna().issues.editIssue({
      issueIdOrKey: id,
      fields: { customfield_10060: { value: 'Gold' }, customfield_10042: 1200.5 },
    });
    expect(
      (await anna().issues.getIssue({ issueIdOrKey: id, fields: ['customfield_10060', 'customfield_10042'] })).fields,
    ).toMatchObject({ customfield_10060: { value: 'Gold' }, customfield_10042: 1200.5 });
  });

  it('refuses a description over 32,767 characters', async () => {
    const { id } = await newIssue('Long');
    expect(
      await refusal(anna().issues.editIssue({ issueIdOrKey: id, fields: { description: adf('x'.repeat(32_800)) } })),
    ).toEqual({
      status: 400,
      data: {
        errorMessages: [],
        errors: { description: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' },
      },
    });
  });
});

describe('what Jira accepts and the emulator used to refuse', () => {
  it('runs a transition given in the create request', async () => {
    const created = await anna().issues.createIssue({
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Started at once' },
      transition: { id: '11' },
    });
    expect((await anna().issues.getIssue({ issueIdOrKey: created.id, fields: ['status'] })).fields.status?.name).toBe(
      'In Progress',
    );
  });

  it('takes a numeric transition id', async () => {
    const { id } = await newIssue('Moving');
    await anna().issues.doTransition({ issueIdOrKey: id, transition: { id: 11 as unknown as string } });
    expect((await anna().issues.getIssue({ issueIdOrKey: id, fields: ['status'] })).fields.status?.name).toBe(
      'In Progress',
    );
  });

  it('adds the comment given as update.comment on a transition', async () => {
    const { id } = await newIssue('Moving with a note');
    await anna().issues.doTransition({
      issueIdOrKey: id,
      transition: { id: '11' },
      update: { comment: [{ add: { body: adf('Starting now') } }] },
    });
    const issue = await anna().issues.getIssue({ issueIdOrKey: id, fields: ['status', 'comment'] });
    expect(issue.fields.status?.name).toBe('In Progress');
    expect(issue.fields.comment?.comments?.map((c) => c.body)).toEqual([adf('Starting now')]);
  });

  it('understands OR, IS EMPTY, statusCategory, != and ORDER BY priority', async () => {
    const a = await newIssue('Unassigned high', { priority: { name: 'High' } });
    const b = await newIssue('Assigned low', { priority: { name: 'Low' }, assignee: { accountId: CHLOE.accountId } });
    const c = await newIssue('Done one');
    await anna().issues.doTransition({ issueIdOrKey: c.id, transition: { id: '11' } });
    const keys = async (jql: string): Promise<string[]> =>
      (
        (await anna().issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql, fields: ['summary'] })).issues ?? []
      ).map((i) => i.id ?? '');
    expect(await keys(`key = ${a.key} OR key = ${b.key} ORDER BY priority DESC`)).toEqual([a.id, b.id]);
    expect(await keys('project = DEMO AND assignee IS EMPTY ORDER BY created ASC')).toEqual([a.id, c.id]);
    expect(await keys('project = DEMO AND statusCategory = "In Progress"')).toEqual([c.id]);
    expect(await keys(`project = DEMO AND assignee != "${CHLOE.accountId}"`)).toEqual([]);
    expect(await keys('project = DEMO AND statusCategory != Done ORDER BY priority ASC, created ASC')).toEqual([
      b.id,
      c.id,
      a.id,
    ]);
  });
});

describe('the self-hosted service’s calls, as jira.js makes them', () => {
  const CLOUD = '5d3c1a8e-7b2f-4c6d-9e0a-1f2b3c4d5e6f';
  const asOAuthApp = (): Version3Client =>
    new Version3Client({
      host: `${origin}/jira/ex/jira/${CLOUD}`,
      authentication: {
        oauth2: { accessToken: platform.jira.issueOAuthToken(ANNA.accountId, 'conformance-app-secret') },
      },
    });

  it('refuses a wrong API token with 401 once the person has issued one', async () => {
    const token = platform.jira.issueApiToken(ANNA.email);
    const wrong = new Version3Client({
      host: `${origin}/jira`,
      authentication: { basic: { email: ANNA.email, apiToken: 'not-the-token' } },
    });
    expect((await refusal(wrong.myself.getCurrentUser())).status).toBe(401);
    const right = new Version3Client({
      host: `${origin}/jira`,
      authentication: { basic: { email: ANNA.email, apiToken: token } },
    });
    expect((await right.myself.getCurrentUser()).accountId).toBe(ANNA.accountId);
  });

  it('refuses dynamic webhooks to a person with 403, as only OAuth 2.0 and Connect apps may use them', async () => {
    const { status, data } = await refusal(anna().webhooks.getDynamicWebhooksForApp());
    expect(status).toBe(403);
    expect(data).toEqual({ errorMessages: ['Only Connect and OAuth 2.0 apps can use this operation.'], errors: {} });
  });

  it('registers, lists, refreshes and deletes a dynamic webhook for an OAuth 2.0 app through the API gateway', async () => {
    const app = asOAuthApp();
    const registered = await app.webhooks.registerDynamicWebhooks({
      url: 'https://svc.example/events/jira',
      webhooks: [{ events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project = DEMO' }],
    });
    const id = registered.webhookRegistrationResult?.[0]?.createdWebhookId;
    expect(id).toEqual(expect.any(Number));
    const page = await app.webhooks.getDynamicWebhooksForApp();
    expect(page.values?.map((w) => [w.id, w.jqlFilter, w.events])).toEqual([
      [id, 'project = DEMO', ['jira:issue_created', 'comment_created']],
    ]);
    const refreshed = await app.webhooks.refreshWebhooks({ webhookIds: [id ?? 0] });
    expect(refreshed.expirationDate).toEqual(expect.any(Number));
    await app.webhooks.deleteWebhookById({ webhookIds: [id ?? 0] });
    expect((await app.webhooks.getDynamicWebhooksForApp()).values).toEqual([]);
  });
});
