import { createJiraClient } from '../../../src/adapters/jira/client';
import { fakeTransport, fixedClock, fixtureJson, reply } from '../support';

const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  return {
    jira: createJiraClient(fake.transport, { clock: fixedClock(0), boundary: () => 'BOUNDARY' }),
    requests: fake.requests,
  };
};

const page = fixtureJson('jira/openapi-examples/get-comments.200.json') as { comments: unknown[] };

describe('Jira client: comments', () => {
  it('reads every page of comments, taking the issue id from the comment self link', async () => {
    const first = { startAt: 0, maxResults: 1, total: 2, comments: page.comments };
    const second = { startAt: 1, maxResults: 1, total: 2, comments: page.comments };
    const { jira, requests } = client(reply(200, first), reply(200, second));
    const comments = await jira.getComments('SUP-3');
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({
      id: '10000',
      issueId: '10010',
      author: { accountId: '5b10a2844c20165700ede21g' },
    });
    expect(comments[0]?.body.type).toBe('doc');
    expect(requests.map((r) => r.url)).toEqual([
      '/rest/api/3/issue/SUP-3/comment?startAt=0&maxResults=100&orderBy=created',
      '/rest/api/3/issue/SUP-3/comment?startAt=1&maxResults=100&orderBy=created',
    ]);
  });

  it('adds a comment with an ADF body and returns the created comment', async () => {
    const body = { type: 'doc' as const, version: 1 as const, content: [] };
    const { jira, requests } = client(reply(201, fixtureJson('jira/openapi-examples/add-comment.201.json')));
    const comment = await jira.addComment('10010', body, [{ key: 'b24.comment', value: { id: '3157' } }]);
    expect(comment.id).toBe('10000');
    expect(requests[0]?.json).toEqual({ body, properties: [{ key: 'b24.comment', value: { id: '3157' } }] });
  });

  it('returns null for a deleted comment and deletes with DELETE', async () => {
    const { jira, requests } = client(reply(404, { errorMessages: ['gone'] }), reply(204, ''));
    await expect(jira.getComment('SUP-3', '1')).resolves.toBeNull();
    await jira.deleteComment('SUP-3', '1');
    expect(requests[1]?.init.method).toBe('DELETE');
  });
});

describe('Jira client: site directory', () => {
  it('finds users and keeps their account type', async () => {
    const { jira, requests } = client(reply(200, fixtureJson('jira/openapi-examples/find-users.200.json')));
    const users = await jira.findUsers('mia@example.com');
    expect(users[0]).toMatchObject({
      accountId: '5b10a2844c20165700ede21g',
      accountType: 'atlassian',
      displayName: 'Mia Krystof',
    });
    expect(requests[0]?.url).toBe('/rest/api/3/user/search?query=mia%40example.com&maxResults=50');
  });

  it('reads the app user', async () => {
    const { jira } = client(reply(200, fixtureJson('jira/openapi-examples/myself.200.json')));
    await expect(jira.getMyself()).resolves.toMatchObject({ accountId: '5b10a2844c20165700ede21g' });
  });

  it('reports each asked permission as granted or not', async () => {
    const { jira, requests } = client(reply(200, { permissions: { BROWSE_PROJECTS: { havePermission: true } } }));
    const granted = await jira.getMyPermissions(['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'], { projectKey: 'SUP' });
    expect(granted).toEqual({ BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: false });
    expect(requests[0]?.url).toBe(
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS%2CADMINISTER_PROJECTS&projectKey=SUP',
    );
  });

  it('reads project statuses per issue type', async () => {
    const statuses = [
      {
        id: '10004',
        name: 'Task',
        subtask: false,
        statuses: [{ id: '1', name: 'To Do', statusCategory: { key: 'new' } }],
      },
    ];
    const { jira } = client(reply(200, statuses));
    await expect(jira.getProjectStatuses('SUP')).resolves.toEqual([
      {
        issueTypeId: '10004',
        issueTypeName: 'Task',
        statuses: [{ id: '1', name: 'To Do', statusCategory: { key: 'new' } }],
      },
    ]);
  });
});

describe('Jira client: attachments', () => {
  it('uploads as multipart with the part named file and the XSRF opt-out header', async () => {
    const { jira, requests } = client(reply(200, fixtureJson('jira/openapi-examples/add-attachment.200.json')));
    const attachments = await jira.addAttachment('SUP-3', {
      filename: 'a"b.txt',
      mimeType: 'text/plain',
      content: new TextEncoder().encode('hi'),
    });
    expect(attachments.map((a) => a.id)).toEqual(['10001', '10001']); // the second has no id: taken from its content URL
    const init = requests[0]?.init;
    expect(init?.headers).toMatchObject({
      'X-Atlassian-Token': 'no-check',
      'Content-Type': 'multipart/form-data; boundary=BOUNDARY',
    });
    const text = new TextDecoder().decode(init?.body as ArrayBuffer);
    expect(text).toBe(
      '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="a_b.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--BOUNDARY--\r\n',
    );
  });

  it('downloads attachment content as bytes without following the media redirect', async () => {
    const { jira, requests } = client(reply(200, 'bytes'));
    const content = await jira.getAttachmentContent('10001');
    expect(new TextDecoder().decode(content)).toBe('bytes');
    expect(requests[0]?.url).toBe('/rest/api/3/attachment/content/10001?redirect=false');
  });
});
