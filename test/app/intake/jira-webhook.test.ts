/**
 * The service's Jira intake (`POST /events/jira`): a webhook proves its origin on the raw bytes, is parsed into the
 * same jobs the Forge trigger queues, and the service account's own edits are dropped there.
 */
import { defaultConfig } from '../../../src/core/config';
import { storesOf } from '../../../src/app/store/stores';
import { memoryDeps, recordingQueue } from '../memory-ports';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { hubSignature } from '../../../src/app/intake/jira-webhook-signature';
import { receiveJiraWebhook, type JiraWebhookDeps } from '../../../src/app/intake/jira-webhook';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/jira-webhooks', name), 'utf8');
const SECRET = 'It is a secret to everybody';
const SERVICE = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const PERSON = '5b10a2844c20165700ede21g';

interface Line {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function world(options: { serviceAccountId?: string | null; auth?: JiraWebhookDeps['auth'] } = {}) {
  const lines: Line[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields ? { fields } : {}) });
  const log = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: () => log,
  };
  const queued: unknown[] = [];
  const syncQueue = recordingQueue();
  const push = syncQueue.push.bind(syncQueue);
  syncQueue.push = (jobs, options) => (queued.push(...jobs), push(jobs, options));
  const intake = memoryDeps({ syncQueue });
  void storesOf(intake).configs.save(defaultConfig('CS', '7'));
  // Attachment jobs are queued only for a linked issue (the intake's own rule).
  void storesOf(intake).links.save({ taskId: '41', issueId: '10010', issueKey: 'CS-1', projectKey: 'CS', linkedAt: 0 });
  const deps: JiraWebhookDeps = {
    ...intake,
    log,
    auth: options.auth ?? { mode: 'secret', secret: SECRET },
    clock: { now: () => Date.parse('2026-12-07T12:00:00Z') },
    serviceAccountId: () =>
      Promise.resolve(options.serviceAccountId === undefined ? SERVICE : options.serviceAccountId),
  };
  return { deps, queued, lines };
}

const signed = (rawBody: string, secret = SECRET) => ({
  headers: new Headers({ 'x-hub-signature': hubSignature(secret, rawBody) }),
  rawBody,
});
const withActor = (rawBody: string, accountId: string): string => {
  const body = JSON.parse(rawBody) as { user: { accountId: string } };
  body.user.accountId = accountId;
  return JSON.stringify(body);
};

describe('a signed Jira webhook', () => {
  it('queues the job the Forge trigger queues for the same change', async () => {
    const { deps, queued } = world();
    const reply = await receiveJiraWebhook(signed(fixture('issue-updated.constructed.json')), deps);
    expect(reply).toEqual({ status: 200, body: { webhookEvent: 'jira:issue_updated', outcomes: ['queued'] } });
    expect(queued).toEqual([{ kind: 'issue-changed', issueId: '10010', projectKey: 'CS' }]);
  });

  it('queues a comment job from comment_created, whose author is the person who wrote it', async () => {
    const { deps, queued } = world();
    const reply = await receiveJiraWebhook(signed(fixture('comment-created.constructed.json')), deps);
    expect(reply.status).toBe(200);
    expect(queued).toEqual([
      { kind: 'jira-comment', issueId: '10010', projectKey: 'CS', commentId: '10000', action: 'upserted' },
    ]);
  });

  it('queues a file job from the Attachment item of an issue update (attachment webhooks name no issue)', async () => {
    const { deps, queued } = world();
    const body = JSON.parse(fixture('issue-updated.constructed.json')) as { changelog: { items: unknown[] } };
    body.changelog.items = [
      {
        field: 'Attachment',
        fieldtype: 'jira',
        fieldId: 'attachment',
        from: null,
        fromString: null,
        to: '10100',
        toString: 'a.pdf',
      },
    ];
    const reply = await receiveJiraWebhook(signed(JSON.stringify(body)), deps);
    expect(reply).toEqual({
      status: 200,
      body: { webhookEvent: 'jira:issue_updated', outcomes: ['queued', 'queued'] },
    });
    expect(queued).toEqual([
      { kind: 'issue-changed', issueId: '10010', projectKey: 'CS' },
      { kind: 'jira-attachment', issueId: '10010', attachmentId: '10100', action: 'created' },
    ]);
  });

  it("drops the service account's own edit with a log line, and still queues a person's", async () => {
    const { deps, queued, lines } = world();
    const own = await receiveJiraWebhook(signed(withActor(fixture('issue-updated.constructed.json'), SERVICE)), deps);
    expect(own).toEqual({ status: 200, body: { webhookEvent: 'jira:issue_updated', outcomes: ['ignored-self'] } });
    expect(queued).toEqual([]);
    expect(lines).toContainEqual({
      level: 'info',
      message: "dropped the service account's own Jira event",
      fields: { webhookEvent: 'jira:issue_updated' },
    });
    await receiveJiraWebhook(signed(withActor(fixture('issue-updated.constructed.json'), PERSON)), deps);
    expect(queued).toEqual([{ kind: 'issue-changed', issueId: '10010', projectKey: 'CS' }]);
  });

  it("queues a person's deletion of a comment the service wrote: the body names no deleter", async () => {
    const { deps, queued } = world();
    const body = JSON.parse(fixture('comment-created.constructed.json')) as {
      webhookEvent: string;
      comment: { author: { accountId: string }; updateAuthor: { accountId: string } };
    };
    body.webhookEvent = 'comment_deleted';
    body.comment.author.accountId = SERVICE;
    body.comment.updateAuthor.accountId = SERVICE;
    await receiveJiraWebhook(signed(JSON.stringify(body)), deps);
    expect(queued).toEqual([
      { kind: 'jira-comment', issueId: '10010', projectKey: 'CS', commentId: '10000', action: 'deleted' },
    ]);
  });

  it('drops the events of unpaired projects and answers the kinds it does not sync', async () => {
    const { deps, queued } = world();
    const other = fixture('issue-created.constructed.json').replace('"key": "CS"', '"key": "OTHER"');
    expect((await receiveJiraWebhook(signed(other), deps)).body).toEqual({
      webhookEvent: 'jira:issue_created',
      outcomes: ['ignored-unpaired'],
    });
    const sprint = JSON.stringify({ timestamp: 1, webhookEvent: 'sprint_started', sprint: { id: 1 } });
    expect((await receiveJiraWebhook(signed(sprint), deps)).body).toEqual({
      webhookEvent: 'sprint_started',
      outcomes: ['ignored-kind'],
    });
    expect(queued).toEqual([]);
  });
});

describe('a webhook that does not prove its origin', () => {
  const raw = fixture('issue-updated.constructed.json');

  it.each([
    ['without a signature', { headers: new Headers(), rawBody: raw }, 'missing X-Hub-Signature header'],
    ['signed with another secret', signed(raw, 'guess'), 'X-Hub-Signature does not match the body'],
    [
      'whose body changed after signing',
      { ...signed(raw), rawBody: raw.replace('10010', '10011') },
      'X-Hub-Signature does not match the body',
    ],
    [
      'signed with sha1',
      {
        headers: new Headers({ 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(raw).digest('hex')}` }),
        rawBody: raw,
      },
      'X-Hub-Signature is not of the form sha256=<hex>',
    ],
  ])('is refused with 401 and nothing queued: %s', async (_name, request, reason) => {
    const { deps, queued, lines } = world();
    expect(await receiveJiraWebhook(request, deps)).toEqual({
      status: 401,
      body: { error: `Unauthorized: ${reason}` },
    });
    expect(queued).toEqual([]);
    expect(lines).toEqual([
      { level: 'warn', message: 'refused a Jira webhook that does not prove its origin', fields: { reason } },
    ]);
  });
});

describe('a signed webhook that is malformed', () => {
  it('is refused with 400 naming what is wrong, nothing queued', async () => {
    const { deps, queued } = world();
    const body = JSON.parse(fixture('issue-updated.constructed.json')) as {
      issue: { fields: Record<string, unknown> };
    };
    delete body.issue.fields.project;
    const reply = await receiveJiraWebhook(signed(JSON.stringify(body)), deps);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: expect.stringMatching(
        /Malformed Jira webhook jira:issue_updated:[\s\S]*issue\.fields\.project/,
      ) as unknown,
    });
    expect(queued).toEqual([]);
  });

  it('is refused with 400 when the body is not JSON', async () => {
    const { deps, queued } = world();
    expect(await receiveJiraWebhook(signed('{"webhookEvent":'), deps)).toEqual({
      status: 400,
      body: { error: 'The body is not JSON' },
    });
    expect(queued).toEqual([]);
  });
});

describe('before the service account is known', () => {
  it('refuses with 503 rather than risk syncing its own edits back', async () => {
    const { deps, queued, lines } = world({ serviceAccountId: null });
    expect((await receiveJiraWebhook(signed(fixture('issue-updated.constructed.json')), deps)).status).toBe(503);
    expect(queued).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });
});

describe('a dynamic webhook of the OAuth app', () => {
  const CLIENT_SECRET = 'oauth-client-secret';
  const jwt = (claims: Record<string, unknown>, secret = CLIENT_SECRET, alg = 'HS256'): string => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${enc({ alg, typ: 'JWT' })}.${enc(claims)}`;
    return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
  };
  const now = Date.parse('2026-12-07T12:00:00Z') / 1000;
  const request = (token: string) => ({
    headers: new Headers({ authorization: `Bearer ${token}` }),
    rawBody: fixture('issue-updated.constructed.json'),
  });

  it('is accepted with a bearer JWT signed by the client secret', async () => {
    const { deps, queued } = world({ auth: { mode: 'oauth', clientSecret: CLIENT_SECRET } });
    expect((await receiveJiraWebhook(request(jwt({ exp: now + 60 })), deps)).status).toBe(200);
    expect(queued).toHaveLength(1);
  });

  it.each([
    ['signed with another secret', jwt({ exp: now + 60 }, 'other'), 'token signature does not match'],
    ['expired', jwt({ exp: now - 3600 }), 'token has expired'],
    ['naming another algorithm', jwt({ exp: now + 60 }, CLIENT_SECRET, 'none'), 'token is not signed with HS256'],
  ])('is refused with 401 when the token is %s', async (_name, token, reason) => {
    const { deps, queued } = world({ auth: { mode: 'oauth', clientSecret: CLIENT_SECRET } });
    expect(await receiveJiraWebhook(request(token), deps)).toEqual({
      status: 401,
      body: { error: `Unauthorized: ${reason}` },
    });
    expect(queued).toEqual([]);
  });
});
