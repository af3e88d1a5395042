/**
 * Values one side holds and the other cannot: a title longer than Jira's summary, a due date outside what
 * Bitrix24 stores, control characters and direction overrides. Each is either carried in a form the other side
 * holds faithfully (cut at a whole character, the invisible characters left out) or not written at all, and the
 * journal says which; nothing comes back bent to the side it came from.
 */
import { actions, createWorld, PEOPLE, pairedTask, type World } from './harness';

interface Note {
  code: string;
  params: Record<string, string>;
  message: string;
}
type Entry = ReturnType<ReturnType<typeof actions>['journal']>[number] & { notes?: Note[]; refused?: string[] };

const entriesFor = (w: World, filter: (e: Entry) => boolean): Entry[] =>
  (actions(w).journal() as Entry[]).filter(filter);
const notesOf = (entries: Entry[]): Note[] => entries.flatMap((e) => e.notes ?? []);

/** True when every surrogate is half of a pair: what Jira and Bitrix24 can store as UTF-8. */
const wellFormed = (text: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('a Bitrix24 title longer than Jira allows', () => {
  it('reaches Jira cut after a whole emoji, never half of one, and the journal says it was shortened', async () => {
    const w = await createWorld();
    const a = actions(w);
    const title = '😀'.repeat(300);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: title });
    await w.settle();
    const issue = await a.issueOfTask(taskId);
    expect(wellFormed(issue.fields.summary)).toBe(true);
    expect(issue.fields.summary).toBe('😀'.repeat(127));
    expect((await a.b24Task(taskId)).title).toBe(title);
    const created = entriesFor(w, (e) => e.operation === 'create' && e.taskId === taskId);
    expect(notesOf(created)).toContainEqual(
      expect.objectContaining({ code: 'titleShortened', params: { to: 'jira', limit: '255' } }),
    );
    expect(created[0]?.outcome).toBe('warning');
  });

  it('is cut before a letter whose combining marks cross the limit, not between the letter and its marks', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: `${'a'.repeat(253)}e\u0301\u0302 and more` });
    await w.settle();
    expect((await a.issueOfTask(taskId)).fields.summary).toBe('a'.repeat(253));
  });

  it('is shortened once: a later edit of another field neither cuts nor journals the title again', async () => {
    const w = await createWorld();
    const a = actions(w);
    const pair = await pairedTask(w, { TITLE: '🇺🇦'.repeat(80) });
    const before = (await a.issue(pair.issueId)).fields.summary;
    expect(before).toBe('🇺🇦'.repeat(63));
    w.clock.advance(60_000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: pair.taskId, fields: { PRIORITY: '2' } });
    await w.settle();
    expect((await a.issue(pair.issueId)).fields.summary).toBe(before);
    const synced = entriesFor(w, (e) => e.operation === 'sync');
    expect(synced.map((e) => e.fields)).toEqual([['priority']]);
    expect(notesOf(synced)).toEqual([]);
  });
});

describe('a Jira due date Bitrix24 cannot hold', () => {
  it('is not written to the task, the journal names the field, and Jira keeps the date its person set', async () => {
    const w = await createWorld();
    const a = actions(w);
    const pair = await pairedTask(w, { DEADLINE: '2026-03-10T19:00:00+01:00' });
    const deadline = (await a.b24Task(pair.taskId)).deadline;
    w.clock.advance(60_000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, { fields: { duedate: '0001-01-01' } });
    await w.settle();
    expect((await a.b24Task(pair.taskId)).deadline).toBe(deadline);
    expect((await a.issue(pair.issueId)).fields.duedate).toBe('0001-01-01');
    const synced = entriesFor(w, (e) => e.operation === 'sync');
    expect(synced).toHaveLength(1);
    expect(synced[0]).toMatchObject({ outcome: 'warning', refused: ['dueDate'] });
    expect(notesOf(synced)).toContainEqual(
      expect.objectContaining({
        code: 'skipped',
        params: expect.objectContaining({ field: 'dueDate', to: 'b24', why: 'outOfB24Range', date: '0001-01-01' }),
      }),
    );
    // Only the task was read: nothing was sent to Bitrix24.
    expect((synced[0] as unknown as { calls: { b24: number } }).calls.b24).toBe(1);
  });

  it('leaves a task created from the issue without a deadline, and says so in the create entry', async () => {
    const w = await createWorld();
    const a = actions(w);
    const created = await a.createIssue(PEOPLE.dmitri.email, { summary: 'Ancient', duedate: '0001-01-01' });
    await w.settle();
    expect((await a.taskOfIssue(created.id)).deadline).toBeNull();
    expect((await a.issue(created.id)).fields.duedate).toBe('0001-01-01');
    const entries = entriesFor(w, (e) => e.issueId === created.id);
    expect(entries.map((e) => e.operation)).toEqual(['create']);
    expect(entries[0]).toMatchObject({ outcome: 'warning', refused: ['dueDate'] });
    expect(notesOf(entries)).toContainEqual(
      expect.objectContaining({
        code: 'skipped',
        params: expect.objectContaining({ field: 'dueDate', why: 'outOfB24Range' }),
      }),
    );
  });
});

describe('control characters and direction overrides in a title', () => {
  const hostile = 'Pay\u0000 the\u0007 invoice \u202Efdp.exe';

  it('are left out of the Jira summary copied from Bitrix24, and the journal notes each kind', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: hostile });
    await w.settle();
    expect((await a.issueOfTask(taskId)).fields.summary).toBe('Pay the invoice fdp.exe');
    const codes = notesOf(entriesFor(w, (e) => e.taskId === taskId)).map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['controlsRemoved', 'bidiRemoved']));
  });

  it('are left out of the Bitrix24 title copied from Jira, and the Jira summary stays as its person wrote it', async () => {
    const w = await createWorld();
    const a = actions(w);
    const pair = await pairedTask(w);
    w.clock.advance(60_000);
    const summary = 'Renamed\u0007 \u2067isolated\u2069 \u202Dforced\u202C';
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, { fields: { summary } });
    await w.settle();
    expect((await a.b24Task(pair.taskId)).title).toBe('Renamed isolated forced');
    expect((await a.issue(pair.issueId)).fields.summary).toBe(summary);
    const synced = entriesFor(w, (e) => e.operation === 'sync');
    expect(synced).toHaveLength(1);
    expect(notesOf(synced).map((n) => [n.code, n.params.to])).toEqual(
      expect.arrayContaining([
        ['controlsRemoved', 'b24'],
        ['bidiRemoved', 'b24'],
      ]),
    );
  });
});

describe('a Jira summary of nothing but invisible characters', () => {
  it('leaves the Bitrix24 title as it was, and the journal says why', async () => {
    const w = await createWorld();
    const a = actions(w);
    const pair = await pairedTask(w);
    w.clock.advance(60_000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, {
      fields: { summary: '\u202E\u0007' },
    });
    await w.settle();
    expect((await a.b24Task(pair.taskId)).title).toBe('Shared work');
    const synced = entriesFor(w, (e) => e.operation === 'sync');
    expect(synced).toEqual([expect.objectContaining({ outcome: 'warning', refused: ['title'] })]);
    expect(notesOf(synced)).toContainEqual(
      expect.objectContaining({
        code: 'skipped',
        params: expect.objectContaining({ field: 'title', to: 'b24', why: 'invisibleTitle' }),
      }),
    );
  });
});

describe('control characters in a description', () => {
  it('are left out of the copy in Jira, keeping its tabs and line breaks, and the journal notes it', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, {
      TITLE: 'Described',
      DESCRIPTION: 'one\u0000\ttwo\u0007\nthree',
    });
    await w.settle();
    const text = JSON.stringify((await a.issueOfTask(taskId)).fields.description);
    expect(text).not.toMatch(/\\u000[07]/);
    expect(text).toContain('one\\ttwo');
    expect(text).toContain('hardBreak');
    expect(notesOf(entriesFor(w, (e) => e.taskId === taskId))).toContainEqual(
      expect.objectContaining({ code: 'controlsRemoved', params: { field: 'description', to: 'jira' } }),
    );
  });

  it('are left out of the copy in Bitrix24', async () => {
    const w = await createWorld();
    const a = actions(w);
    const description = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ring\u0007 the\u001b bell' }] }],
    };
    const created = await a.createIssue(PEOPLE.dmitri.email, { summary: 'Bell', description });
    await w.settle();
    expect((await a.taskOfIssue(created.id)).description).toBe('ring the bell');
  });
});
