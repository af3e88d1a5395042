/**
 * Files attached to a linked Bitrix24 task reach the paired Jira issue once; a file over the configured cap is
 * reported in the journal by name and size and is never downloaded or uploaded; our own copies of Jira
 * attachments never come back to Jira.
 */
import { attachInB24 } from './files';
import { attachInJira, createWorld, fileOf, pairedTask, PEOPLE, reconfigure, type World } from './harness';

interface IssueFile {
  filename: string;
  bytes: Uint8Array;
}

/** What the issue shows under Attachments, read the way a Jira user's REST client would. */
async function issueFiles(w: World, issueId: string): Promise<IssueFile[]> {
  const issue = (await w.jira(PEOPLE.dmitri.email, 'GET', `/rest/api/3/issue/${issueId}?fields=attachment`)) as {
    fields: { attachment?: { id: string; filename: string }[] };
  };
  const files: IssueFile[] = [];
  for (const a of issue.fields.attachment ?? []) {
    const response = await w.platform.jira.handle(
      new Request(`${w.platform.seed.jira.baseUrl}/rest/api/3/attachment/content/${a.id}?redirect=false`, {
        headers: { authorization: `Basic ${Buffer.from(`${PEOPLE.dmitri.email}:token`).toString('base64')}` },
      }),
    );
    if (!response.ok) throw new Error(`download ${a.filename}: ${response.status}`);
    files.push({ filename: a.filename, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return files;
}

interface JournalView {
  direction: string;
  operation: string;
  outcome: string;
  message?: string;
  taskId?: string;
  issueId?: string;
}

/** The journal as the admin page lists it, narrowed to attachment copies towards Jira. */
const toJiraEntries = (w: World): JournalView[] =>
  w.platform.kvs
    .keys()
    .filter((k) => k.startsWith('journal:'))
    .map((k) => w.platform.kvs.peek(k) as JournalView)
    .filter((e) => e.operation === 'attachment' && e.direction === 'b24-to-jira');

describe('a file attached to a linked Bitrix24 task', () => {
  it('appears once on the Jira issue with the same name and content', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const content = fileOf(3000);
    await attachInB24(w, PEOPLE.ben.b24, taskId, 'site-plan.pdf', content);
    await w.settle();
    const files = await issueFiles(w, issueId);
    expect(files.map((f) => f.filename)).toEqual(['site-plan.pdf']);
    expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(content))).toBe(true);
    expect(toJiraEntries(w)).toEqual([expect.objectContaining({ outcome: 'synced', taskId, issueId })]);
  });

  it('is not copied again when the task changes later, and a further settle costs no call', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await attachInB24(w, PEOPLE.ben.b24, taskId, 'notes.txt', fileOf(200));
    await w.settle();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Shared work, renamed' } });
    await w.settle();
    expect((await issueFiles(w, issueId)).map((f) => f.filename)).toEqual(['notes.txt']);
    w.platform.resetStats();
    await w.settle();
    const stats = w.platform.stats();
    expect(stats.b24.reads + stats.b24.writes + stats.jira.reads + stats.jira.writes).toBe(0);
  });

  it('a later task change asks nothing about files already copied', async () => {
    const w = await createWorld();
    const { taskId } = await pairedTask(w);
    await attachInB24(w, PEOPLE.ben.b24, taskId, 'notes.txt', fileOf(200));
    await w.settle();
    w.platform.resetStats();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Shared work, renamed' } });
    await w.settle();
    expect(w.platform.stats().b24.byMethod['disk.attachedObject.get'] ?? 0).toBe(0);
  });

  it('over the attachment limit is journalled with its name, its size and the limit, once, and nothing is uploaded', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, (c) => ({ ...c, attachmentMaxBytes: 1000 }));
    await attachInB24(w, PEOPLE.ben.b24, taskId, 'drone-survey.zip', fileOf(2500));
    await w.settle();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Shared work, renamed' } });
    await w.settle();
    expect(await issueFiles(w, issueId)).toEqual([]);
    const [entry, ...others] = toJiraEntries(w);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ outcome: 'warning', taskId, issueId });
    expect(entry?.message).toContain('drone-survey.zip');
    expect(entry?.message).toContain('2500 bytes');
    expect(entry?.message).toContain('1000-byte');
  });

  it('exactly at the limit is copied', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, (c) => ({ ...c, attachmentMaxBytes: 1000 }));
    await attachInB24(w, PEOPLE.ben.b24, taskId, 'exact.bin', fileOf(1000));
    await w.settle();
    expect((await issueFiles(w, issueId)).map((f) => f.bytes.byteLength)).toEqual([1000]);
  });
});

describe('a Jira attachment copied to the Bitrix24 task', () => {
  it('does not come back to Jira as a second attachment', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'contract.pdf', fileOf(500));
    await w.settle();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Shared work, renamed' } });
    await w.settle();
    expect((await issueFiles(w, issueId)).map((f) => f.filename)).toEqual(['contract.pdf']);
    expect(toJiraEntries(w)).toEqual([]);
  });

  it('does not come back even when the task event is handled before the copy was linked (concurrent jobs)', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'contract.pdf', fileOf(500));
    await w.settle();
    // Forge runs jobs concurrently: the attach's own task event may see the file before its link is stored.
    for (const key of w.platform.kvs.keys().filter((k: string) => k.startsWith('flink:')))
      w.platform.kvs.remove('plain', key);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Shared work, renamed' } });
    await w.settle();
    expect((await issueFiles(w, issueId)).map((f) => f.filename)).toEqual(['contract.pdf']);
  });
});
