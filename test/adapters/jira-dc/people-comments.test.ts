/**
 * People and comments through the Data Center adapter: the key is the identity, the login is looked up again each
 * time (so a rename changes nothing the app keeps), e-mail only where the site shows a real address, and comment
 * bodies and mentions converted between ADF and wiki markup.
 */
import { TASK, dcWorld, doc } from './harness';

const mention = (id: string, text: string) => ({
  type: 'doc' as const,
  version: 1 as const,
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Ask ' },
        { type: 'mention', attrs: { id, text } },
      ],
    },
  ],
});

describe('Jira Data Center adapter: people', () => {
  it('assigns by key, and keeps the same identity after an administrator renames the login', async () => {
    const { client, jira, keyOf, raw } = dcWorld();
    const chloe = keyOf('chloe.dubois');
    const { key } = await client.createIssue({ ...TASK, summary: 'Who', assignee: { accountId: chloe } });
    expect((await client.getIssue(key))?.issue.fields.assignee?.accountId).toBe(chloe);
    jira.renameUser('chloe.dubois', 'chloe.martin');
    expect(await client.getUser(chloe)).toMatchObject({ accountId: chloe, displayName: 'Chloé Dubois' });
    await client.updateIssue(key, { assignee: null });
    await client.updateIssue(key, { assignee: { accountId: chloe } });
    const stored = (await raw('GET', `/rest/api/2/issue/${key}?fields=assignee`)).body as {
      fields: { assignee: { name: string } };
    };
    expect(stored.fields.assignee.name).toBe('chloe.martin');
    expect((await client.getIssue(key))?.issue.fields.assignee?.accountId).toBe(chloe);
  });

  it('refuses a key Jira does not know before writing anything', async () => {
    const { client } = dcWorld();
    await expect(
      client.createIssue({ ...TASK, summary: 'Ghost', assignee: { accountId: 'JIRAUSER99999' } }),
    ).rejects.toMatchObject({ code: 'jira:unknown-user', retryable: false });
    expect((await client.searchJql('project = DEMO')).issues).toEqual([]);
  });

  it('shows an e-mail only where the site shows a real address', async () => {
    const { client, jira, keyOf } = dcWorld();
    const ben = keyOf('ben.carter');
    expect((await client.getUser(ben))?.emailAddress).toBe('ben.carter@example.com');
    expect(await client.getUserEmails([ben, 'JIRAUSER99999'])).toEqual(new Map([[ben, 'ben.carter@example.com']]));
    jira.setEmailVisibility('masked');
    expect((await client.getUser(ben))?.emailAddress).toBeUndefined();
    jira.setEmailVisibility('hidden');
    expect(await client.getUserEmails([ben])).toEqual(new Map());
  });

  it('finds people, lists everyone page by page and names the caller', async () => {
    const { client, keyOf } = dcWorld();
    expect((await client.findUsers('ben')).map((u) => u.accountId)).toEqual([keyOf('ben.carter')]);
    const first = await client.listUsers(0, 3);
    const rest = await client.listUsers(3, 1000);
    expect(first).toHaveLength(3);
    expect(new Set([...first, ...rest].map((u) => u.accountId)).size).toBe(first.length + rest.length);
    expect([...first, ...rest].map((u) => u.accountId)).toContain(keyOf('greta.vogel'));
    expect(await client.getMyself()).toMatchObject({ accountId: keyOf('anna.schmidt'), active: true });
  });
});

describe('Jira Data Center adapter: comments', () => {
  it('adds, reads, edits and deletes a comment, its body wiki markup on Jira’s side', async () => {
    const { client, raw, keyOf } = dcWorld();
    const { id, key } = await client.createIssue({ ...TASK, summary: 'Talk' });
    const added = await client.addComment(key, doc('first'));
    expect(added).toMatchObject({ issueId: id, body: doc('first'), author: { accountId: keyOf('anna.schmidt') } });
    const edited = await client.updateComment(key, added.id, doc('second'));
    expect(edited.body).toEqual(doc('second'));
    const stored = (await raw('GET', `/rest/api/2/issue/${key}/comment/${added.id}`)).body as { body: string };
    expect(stored.body).toBe('second');
    expect((await client.getComments(key)).map((c) => c.body)).toEqual([doc('second')]);
    await client.deleteComment(key, added.id);
    expect(await client.getComment(key, added.id)).toBeNull();
  });

  it('pages through every comment, oldest first', async () => {
    const { client } = dcWorld();
    const { key } = await client.createIssue({ ...TASK, summary: 'Many' });
    for (let i = 0; i < 105; i++) await client.addComment(key, doc(`c${i}`));
    const all = await client.getComments(key);
    expect(all).toHaveLength(105);
    expect(all[104]?.body).toEqual(doc('c104'));
  });

  it('writes a mention by the person’s current login and reads it back by key', async () => {
    const { client, jira, raw, keyOf } = dcWorld();
    const erin = keyOf('erin.walsh');
    jira.renameUser('erin.walsh', 'erin.w');
    const { key } = await client.createIssue({ ...TASK, summary: 'Mention' });
    const added = await client.addComment(key, mention(erin, '@Erin Walsh'));
    const stored = (await raw('GET', `/rest/api/2/issue/${key}/comment/${added.id}`)).body as { body: string };
    expect(stored.body).toBe('Ask [~erin.w]');
    expect(added.body).toEqual(mention(erin, '@Erin Walsh'));
  });
});
