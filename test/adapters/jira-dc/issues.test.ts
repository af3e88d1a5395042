/**
 * The Data Center adapter's issue methods against the emulated Jira Data Center 10.3: the app speaks ADF and keys,
 * Jira stores wiki markup and names, and search pages by offset behind the port's opaque token.
 */
import { TASK, dcWorld, doc } from './harness';

describe('Jira Data Center adapter: issues', () => {
  it('writes an ADF description as wiki markup and reads it back as the same ADF', async () => {
    const { client, raw } = dcWorld();
    const description = {
      type: 'doc' as const,
      version: 1 as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ship it', marks: [{ type: 'strong' }] }] }],
    };
    const created = await client.createIssue({ ...TASK, summary: 'Wiki', description });
    const stored = (await raw('GET', `/rest/api/2/issue/${created.key}?fields=description`)).body as {
      fields: { description: string };
    };
    expect(stored.fields.description).toBe('*Ship it*');
    const read = await client.getIssue(created.key);
    expect(read?.issue.fields.description).toEqual(description);
    expect(read?.issue.fields.summary).toBe('Wiki');
  });

  it('reads a gone issue as null and edits, then deletes, one that exists', async () => {
    const { client } = dcWorld();
    expect(await client.getIssue('DEMO-999')).toBeNull();
    const { key } = await client.createIssue({ ...TASK, summary: 'Before' });
    await client.updateIssue(key, { summary: 'After', description: null, duedate: '2027-01-15' });
    const read = await client.getIssue(key);
    expect(read?.issue.fields).toMatchObject({ summary: 'After', description: null, duedate: '2027-01-15' });
    await client.deleteIssue(key);
    expect(await client.getIssue(key)).toBeNull();
  });

  it('pages a search by offset behind an opaque token, ending without one', async () => {
    const { client } = dcWorld();
    for (const summary of ['one', 'two', 'three']) await client.createIssue({ ...TASK, summary });
    const first = await client.searchJql('project = DEMO ORDER BY key ASC', { maxResults: 2 });
    expect(first.issues.map((i) => i.fields.summary)).toEqual(['one', 'two']);
    expect(first.nextPageToken).toBe('2');
    const second = await client.searchJql('project = DEMO ORDER BY key ASC', {
      maxResults: 2,
      nextPageToken: first.nextPageToken,
    });
    expect(second.issues.map((i) => i.fields.summary)).toEqual(['three']);
    expect(second.nextPageToken).toBeUndefined();
    await expect(client.searchJql('project = DEMO', { nextPageToken: 'abc' })).rejects.toMatchObject({
      code: 'jira:page-token',
    });
  });

  it('lists transitions and moves the issue through one', async () => {
    const { client } = dcWorld();
    const { key } = await client.createIssue({ ...TASK, summary: 'Flow' });
    const transitions = await client.getTransitions(key);
    const target = transitions.find((t) => t.to.statusCategory?.key === 'indeterminate') ?? transitions[0];
    if (target === undefined) throw new Error('the seed workflow has no transition');
    await client.doTransition(key, target.id);
    expect((await client.getIssue(key, { withTransitions: true }))?.issue.fields.status.id).toBe(target.to.id);
  });

  it('keeps issue properties: set with the create, read, replaced and removed', async () => {
    const { client } = dcWorld();
    const { key } = await client.createIssue({ ...TASK, summary: 'Marked' }, [{ key: 'b24.task', value: { id: 7 } }]);
    expect(await client.getIssueProperty(key, 'b24.task')).toEqual({ id: 7 });
    expect((await client.getIssue(key, { properties: ['b24.task'] }))?.properties).toEqual({ 'b24.task': { id: 7 } });
    await client.setIssueProperty(key, 'b24.task', { id: 8 });
    expect(await client.getIssueProperty(key, 'b24.task')).toEqual({ id: 8 });
    await client.deleteIssueProperty(key, 'b24.task');
    await client.deleteIssueProperty(key, 'b24.task');
    expect(await client.getIssueProperty(key, 'b24.task')).toBeUndefined();
  });

  it('bulk-creates with each element’s marker and first status hop, naming a refused element', async () => {
    const { client } = dcWorld();
    const probe = await client.createIssue({ ...TASK, summary: 'probe' });
    const hop = (await client.getTransitions(probe.key))[0];
    if (hop === undefined) throw new Error('the seed workflow has no transition');
    const outcomes = await client.createIssues([
      { fields: { ...TASK, summary: 'A' }, properties: [{ key: 'b24.task', value: 1 }], transitionId: hop.id },
      { fields: { ...TASK, summary: '' } },
      { fields: { ...TASK, summary: 'C', description: doc('from a task') } },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const [a, refused, c] = outcomes;
    if (!a?.ok || refused?.ok !== false || !c?.ok) throw new Error('unexpected outcomes');
    expect(refused.fieldErrors).toHaveProperty('summary');
    expect((await client.getIssue(a.id))?.issue.fields.status.id).toBe(hop.to.id);
    const page = await client.searchIssues('project = DEMO ORDER BY key ASC', {
      properties: ['b24.task'],
      withComments: true,
      withAttachments: true,
    });
    const items = page.items.filter((i) => i.issue.id !== probe.id);
    expect(items.map((i) => [i.issue.fields.summary, i.properties, i.comments, i.attachments])).toEqual([
      ['A', { 'b24.task': 1 }, [], []],
      ['C', {}, [], []],
    ]);
    expect(items[1]?.issue.fields.description).toEqual(doc('from a task'));
  });
});
