/**
 * Attachments, site metadata and failures through the Data Center adapter: an expired token is a permanent error
 * that says what to do, the per-user token bucket's 429 is retryable after the delay Jira names, and attachment
 * content is fetched from its `content` link only under the configured base URL.
 */
import { contentPath } from '../../../src/adapters/jira-dc/attachments';
import { PermanentError, RetryableError } from '../../../src/core/errors';
import { TASK, dcWorld } from './harness';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Jira Data Center adapter: attachments and site', () => {
  it('uploads a file and reads its bytes back through the attachment’s content link', async () => {
    const { client } = dcWorld();
    const { key } = await client.createIssue({ ...TASK, summary: 'Files' });
    const content = new TextEncoder().encode('hello, Data Center');
    const [uploaded] = await client.addAttachment(key, { filename: 'hello.txt', mimeType: 'text/plain', content });
    expect(uploaded).toMatchObject({ filename: 'hello.txt', size: content.length });
    expect(new TextDecoder().decode(await client.getAttachmentContent(uploaded?.id ?? ''))).toBe('hello, Data Center');
  });

  it('refuses a content link outside the configured base URL, so the token goes nowhere else', () => {
    expect(
      contentPath('https://jira.example.com/jira', 'https://jira.example.com/jira/secure/attachment/1/a.txt'),
    ).toBe('/secure/attachment/1/a.txt');
    expect(() =>
      contentPath('https://jira.example.com/jira', 'https://evil.example.net/secure/attachment/1/a'),
    ).toThrow(PermanentError);
    expect(() => contentPath('https://jira.example.com/jira', 'https://jira.example.com/other/secure/1/a')).toThrow(
      /not under the configured base URL/,
    );
  });

  it('reads the site’s fields, create screen, statuses, project and the caller’s permissions', async () => {
    const { client } = dcWorld({ user: 'chloe.dubois' });
    expect((await client.getFields()).map((f) => f.id)).toEqual(
      expect.arrayContaining(['summary', 'customfield_10042']),
    );
    const screen = await client.getCreateFieldMeta('DEMO', 'Task');
    expect(screen.find((f) => f.id === 'summary')).toMatchObject({ required: true });
    expect(screen.find((f) => f.id === 'priority')?.allowedValues?.length).toBeGreaterThan(0);
    await expect(client.getCreateFieldMeta('DEMO', 'Saga')).rejects.toMatchObject({ code: 'jira:no-issue-type' });
    const statuses = await client.getProjectStatuses('DEMO');
    expect(statuses.find((t) => t.issueTypeName === 'Task')?.statuses.length).toBeGreaterThan(0);
    expect(await client.getProject('DEMO')).toMatchObject({ key: 'DEMO', name: 'Demo project' });
    expect(await client.getProject('NOPE')).toBeNull();
    expect(await client.getMyPermissions(['BROWSE_PROJECTS', 'ADMINISTER'], { projectKey: 'DEMO' })).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER: false,
    });
  });
});

describe('Jira Data Center adapter: failures', () => {
  it('treats an expired personal access token as permanent and names the cause and the fix', async () => {
    const { client, clock } = dcWorld({ expiresInDays: 1 });
    await expect(client.getMyself()).resolves.toMatchObject({ displayName: 'Anna Schmidt' });
    clock.advance(DAY_MS + 1000);
    const refused = await client.getMyself().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused).toMatchObject({ reason: 'unauthorized', code: 'jira:pat-refused' });
    expect((refused as Error).message).toMatch(/personal access token.*expired.*JIRA_DC_PAT/);
    expect((refused as Error).message).toContain('AUTHENTICATED_FAILED');
  });

  it('answers an empty token bucket with a retryable error carrying Jira’s Retry-After', async () => {
    const { client, jira, clock } = dcWorld();
    jira.setRateLimit({ maxRequests: 2, fillRate: 1, intervalSeconds: 7 });
    await client.getMyself();
    await client.getMyself();
    const limited = await client.getMyself().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited).toMatchObject({ reason: 'rate-limited', code: 'jira:429', retryAfterMs: 7000 });
    clock.advance((limited as RetryableError).retryAfterMs ?? 0);
    await expect(client.getMyself()).resolves.toMatchObject({ displayName: 'Anna Schmidt' });
  });
});
