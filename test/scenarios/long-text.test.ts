/**
 * Text longer than the other side allows: Jira holds a shortened copy of a long Bitrix24 description or title, and
 * a person's edit of that copy is merged into the whole text, never written back in its place. A comment over
 * Jira's limit arrives whole, in numbered parts.
 */
import { PEOPLE, actions, createWorld, pairedTask, type World } from './harness';

interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  marks?: unknown[];
}
interface Doc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const NOTICE = /Truncated: the original text is longer than Jira allows/;

/** About 300 KB of distinct paragraphs, each a line of BBCode that reads back as itself. */
const longDescription = (): string =>
  Array.from({ length: 1000 }, (_, i) =>
    `Paragraph ${i}: the quarterly figures for region ${i % 17} need a second look before Friday, and ${'every detail matters here. '.repeat(9)}`.trim(),
  ).join('\n\n');

const descriptionOf = async (w: World, issueId: string): Promise<Doc> =>
  (await actions(w).issue(issueId)).fields.description as Doc;

const editJiraDescription = async (w: World, issueId: string, doc: Doc): Promise<void> => {
  await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { description: doc } });
  w.clock.advance(1000);
  await w.settle();
};

/** The document with one word of one paragraph replaced, as a person would edit it in Jira's editor. */
function replaceWord(doc: Doc, paragraph: number, from: string, to: string): Doc {
  const content = doc.content.map((block, i) =>
    i !== paragraph
      ? block
      : {
          ...block,
          content: (block.content ?? []).map((n) =>
            n.type === 'text' ? { ...n, text: (n.text ?? '').replace(from, to) } : n,
          ),
        },
  );
  return { ...doc, content };
}

const plain = (node: AdfNode): string =>
  node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(plain).join('');

describe('a Bitrix24 description longer than Jira allows', () => {
  it('survives an edit of its shortened copy in Jira: only the edited word changes, the rest is kept', async () => {
    const w = await createWorld();
    const a = actions(w);
    const original = longDescription();
    expect(original.length).toBeGreaterThan(300_000);
    const { taskId, issueId } = await pairedTask(w, { DESCRIPTION: original });
    const copy = await descriptionOf(w, issueId);
    expect(JSON.stringify(copy).length).toBeLessThanOrEqual(32_767);
    expect(plain(copy.content[copy.content.length - 1] as AdfNode)).toMatch(NOTICE);

    await editJiraDescription(w, issueId, replaceWord(copy, 5, 'quarterly', 'yearly'));

    const task = await a.b24Task(taskId);
    expect(task.description).toBe(original.replace('Paragraph 5: the quarterly', 'Paragraph 5: the yearly'));
    expect(task.description).not.toMatch(NOTICE);
    const entry = a
      .journal()
      .filter((e) => e.operation === 'sync' && e.fields.includes('description'))
      .pop();
    expect(entry?.outcome).toBe('synced');
    // Jira keeps a shortened copy of the new whole text, with the notice at its end.
    const after = await descriptionOf(w, issueId);
    expect(plain(after.content[5] as AdfNode)).toContain('Paragraph 5: the yearly');
    expect(plain(after.content[after.content.length - 1] as AdfNode)).toMatch(NOTICE);
    // Settled: nothing more to write on either side.
    w.platform.resetStats();
    await w.settle();
    expect(w.platform.stats().jira.writes + w.platform.stats().b24.writes).toBe(0);
  });

  it('keeps the whole text when the edit in Jira moves where the copy is cut', async () => {
    const w = await createWorld();
    const a = actions(w);
    const original = longDescription();
    const { taskId, issueId } = await pairedTask(w, { DESCRIPTION: original });
    const copy = await descriptionOf(w, issueId);
    // A whole paragraph deleted in Jira: the copy now has room for more of the text.
    const edited: Doc = { ...copy, content: copy.content.filter((_, i) => i !== 2) };
    await editJiraDescription(w, issueId, edited);

    const paragraphs = original.split('\n\n');
    expect((await a.b24Task(taskId)).description).toBe(
      [...paragraphs.slice(0, 2), ...paragraphs.slice(3)].join('\n\n'),
    );
    const after = await descriptionOf(w, issueId);
    expect(after.content.length).toBeGreaterThanOrEqual(copy.content.length);
    expect(plain(after.content[after.content.length - 1] as AdfNode)).toMatch(NOTICE);
  });

  it('is left whole when the notice is removed in Jira, and the journal says why and what to do', async () => {
    const w = await createWorld();
    const a = actions(w);
    const original = longDescription();
    const { taskId, issueId } = await pairedTask(w, { DESCRIPTION: original });
    const copy = await descriptionOf(w, issueId);
    const edited = replaceWord({ ...copy, content: copy.content.slice(0, -1) }, 1, 'quarterly', 'monthly');
    await editJiraDescription(w, issueId, edited);

    expect((await a.b24Task(taskId)).description).toBe(original);
    const entry = a
      .journal()
      .filter((e) => e.operation === 'sync')
      .pop();
    expect(entry?.outcome).toBe('warning');
    expect(entry?.message).toMatch(/shortened copy/);
    expect(entry?.message).toMatch(/Bitrix24/);
    // Nothing loops: the refusal is settled, not retried.
    w.platform.resetStats();
    await w.settle();
    expect(w.platform.stats().jira.writes + w.platform.stats().b24.writes).toBe(0);
  });

  it('follows an edit of its end in Bitrix24, and the copy in Jira keeps one notice', async () => {
    const w = await createWorld();
    const a = actions(w);
    const original = longDescription();
    const { taskId, issueId } = await pairedTask(w, { DESCRIPTION: original });
    const edited = `Intro line added in Bitrix24\n\n${original}`;
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { DESCRIPTION: edited } });
    w.clock.advance(1000);
    await w.settle();
    const copy = await descriptionOf(w, issueId);
    expect(plain(copy.content[0] as AdfNode)).toBe('Intro line added in Bitrix24');
    expect(copy.content.filter((b) => NOTICE.test(plain(b)))).toHaveLength(1);
    expect((await a.b24Task(taskId)).description).toBe(edited);
  });
});

describe('a Bitrix24 title longer than Jira allows', () => {
  it('keeps its end when the shortened summary is edited in Jira', async () => {
    const w = await createWorld();
    const a = actions(w);
    const title = `Budget review: ${'item '.repeat(70)}and the closing remarks`;
    expect(title.length).toBeGreaterThan(255);
    const { taskId, issueId } = await pairedTask(w, { TITLE: title });
    const summary = (await a.issue(issueId)).fields.summary;
    expect(summary).toBe(title.slice(0, 255));

    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: summary.replace('Budget review', 'Budget audit') },
    });
    w.clock.advance(1000);
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe(title.replace('Budget review', 'Budget audit'));
  });

  it('is left whole when the end of the summary is rewritten in Jira, and the journal says so', async () => {
    const w = await createWorld();
    const a = actions(w);
    const title = `Budget review: ${'item '.repeat(70)}and the closing remarks`;
    const { taskId, issueId } = await pairedTask(w, { TITLE: title });
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Short new title' } });
    w.clock.advance(1000);
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe(title);
    const entry = a
      .journal()
      .filter((e) => e.operation === 'sync')
      .pop();
    expect(entry?.outcome).toBe('warning');
    expect(entry?.message).toMatch(/shortened copy/);
  });
});

interface JiraComment {
  id: string;
  body: Doc;
}

const jiraComments = async (w: World, issueId: string): Promise<JiraComment[]> =>
  (
    (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment?maxResults=100`)) as {
      comments: JiraComment[];
    }
  ).comments;

/** The text of each part without its label ("Ben Carter (Bitrix24): 2/4 "), joined in order. */
const joinedParts = (comments: JiraComment[]): string =>
  comments
    .map((c) =>
      c.body.content
        .map(plain)
        .join('\n')
        .replace(/^Ben Carter \(Bitrix24\): \d+\/\d+ /, ''),
    )
    .join('');

const longComment = (length: number): string => {
  const words = 'Findings of the audit, page by page, with every number checked twice. ';
  return words
    .repeat(Math.ceil(length / words.length))
    .slice(0, length)
    .trim();
};

describe('a Bitrix24 comment longer than Jira allows', () => {
  it('arrives whole in Jira as numbered parts', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const text = longComment(100_000);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: text }]);
    await w.settle();
    const parts = await jiraComments(w, issueId);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    parts.forEach((p, i) =>
      expect(plain(p.body.content[0] as AdfNode)).toMatch(
        new RegExp(`^Ben Carter \\(Bitrix24\\): ${i + 1}/${parts.length} `),
      ),
    );
    expect(joinedParts(parts)).toBe(text);
    for (const p of parts) expect(JSON.stringify(p.body).length).toBeLessThanOrEqual(32_767);
    expect(
      actions(w)
        .journal()
        .filter((e) => e.operation === 'comment')
        .pop()?.outcome,
    ).toBe('synced');
  });

  it('edited, follows in every part; shortened to fit one, leaves one; deleted, takes all its parts', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const id = (await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [
      taskId,
      { POST_MESSAGE: longComment(70_000) },
    ])) as number;
    await w.settle();
    const before = await jiraComments(w, issueId);

    const longer = longComment(100_000).replace('Findings', 'Revised findings');
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [taskId, id, { POST_MESSAGE: longer }]);
    await w.settle();
    const edited = await jiraComments(w, issueId);
    expect(edited.length).toBeGreaterThan(before.length);
    expect(joinedParts(edited)).toBe(longer);

    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [taskId, id, { POST_MESSAGE: 'Summary only' }]);
    await w.settle();
    const short = await jiraComments(w, issueId);
    expect(short).toHaveLength(1);
    expect(plain(short[0]?.body.content[0] as AdfNode)).toBe('Ben Carter (Bitrix24): Summary only');

    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [taskId, id, { POST_MESSAGE: longer }]);
    await w.settle();
    expect((await jiraComments(w, issueId)).length).toBe(edited.length);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.delete', [taskId, id]);
    await w.settle();
    expect(await jiraComments(w, issueId)).toHaveLength(0);
  });

  it('posted while Jira refuses calls for load, arrives whole with no part twice', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 11, jira429: 0.4 });
    const text = longComment(100_000);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: text }]);
    await w.settle();
    w.platform.setFaults({});
    expect(joinedParts(await jiraComments(w, issueId))).toBe(text);
  });

  it('deleted in Jira by one of its parts, is deleted in Bitrix24 with its other parts', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: longComment(70_000) }]);
    await w.settle();
    const [, second] = await jiraComments(w, issueId);
    await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}/comment/${second?.id ?? ''}`);
    await w.settle();
    expect(await jiraComments(w, issueId)).toHaveLength(0);
    expect(await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])).toHaveLength(0);
  });

  it('is copied whole by reconciliation after a lost event, once', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 5, dropEvents: 1 });
    const text = longComment(80_000);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: text }]);
    await w.settle();
    w.platform.setFaults({});
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Nudged so reconciliation looks' } });
    w.clock.advance(3600_000);
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();
    w.clock.advance(3600_000);
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();
    expect(joinedParts(await jiraComments(w, issueId))).toBe(text);
  });
});
