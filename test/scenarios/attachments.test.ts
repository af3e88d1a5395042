/**
 * Attachments from Jira reach the paired Bitrix24 task once, whatever the delivery does; a file over the
 * configured cap is reported in the journal by name and size and is never uploaded; a deletion is journalled.
 */
import { actions, attachInJira, createWorld, fileOf, pairedTask, PEOPLE, reconfigure, type World } from './harness';

interface TaskFile {
  name: string;
  bytes: Uint8Array;
}

/** What the task shows under Files, read the way a Bitrix24 user's REST client would. */
async function taskFiles(w: World, taskId: string): Promise<TaskFile[]> {
  const read = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'UF_TASK_WEBDAV_FILES'] })) as {
    task: { ufTaskWebdavFiles?: unknown };
  };
  const ids = Array.isArray(read.task.ufTaskWebdavFiles) ? read.task.ufTaskWebdavFiles.map(String) : [];
  const files: TaskFile[] = [];
  for (const id of ids) {
    const info = (await w.b24(PEOPLE.anna.b24, 'disk.attachedObject.get', { id })) as {
      NAME: string;
      DOWNLOAD_URL: string;
    };
    // A DOWNLOAD_URL answers only requests that send a User-Agent, as on a real portal.
    const response = await w.platform.b24.handle(
      new Request(info.DOWNLOAD_URL, { headers: { 'user-agent': 'scenario-test' } }),
    );
    if (!response.ok) throw new Error(`download ${info.NAME}: ${response.status}`);
    files.push({ name: info.NAME, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return files;
}

const attachmentEntries = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.operation.startsWith('attachment'));

describe('a file attached to a linked Jira issue', () => {
  it('appears once on the Bitrix24 task with the same name and content', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const content = fileOf(4096);
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'invoice-2026-11.pdf', content);
    await w.settle();
    const files = await taskFiles(w, taskId);
    expect(files.map((f) => f.name)).toEqual(['invoice-2026-11.pdf']);
    expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(content))).toBe(true);
    expect(attachmentEntries(w)).toEqual([
      expect.objectContaining({ operation: 'attachment', outcome: 'synced', issueId, taskId }),
    ]);
  });

  it('delivered twice still appears once', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 7, duplicateEvents: 1 });
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'scan.pdf', fileOf(100));
    await w.settle();
    w.platform.setFaults({});
    expect((await taskFiles(w, taskId)).map((f) => f.name)).toEqual(['scan.pdf']);
  });

  it('over the attachment limit is journalled with its name, its size and the limit, and nothing is uploaded', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, (c) => ({ ...c, attachmentMaxBytes: 1000 }));
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'site-photos.zip', fileOf(2500));
    await w.settle();
    expect(await taskFiles(w, taskId)).toEqual([]);
    const [entry, ...others] = attachmentEntries(w);
    expect(others).toEqual([]);
    // No call at all: the size came with the event, so the file was neither downloaded nor uploaded.
    expect(entry).toMatchObject({ outcome: 'warning', issueId, taskId, calls: { jira: 0, b24: 0 } });
    expect(entry?.message).toContain('site-photos.zip');
    expect(entry?.message).toContain('2500 bytes');
    expect(entry?.message).toContain('1000-byte');
  });

  it('exactly at the limit is copied', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, (c) => ({ ...c, attachmentMaxBytes: 1000 }));
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'exact.bin', fileOf(1000));
    await w.settle();
    expect((await taskFiles(w, taskId)).map((f) => f.bytes.byteLength)).toEqual([1000]);
  });

  it('deleted in Jira is journalled, and its copy stays on the task', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const attachmentId = await attachInJira(w, PEOPLE.dmitri.email, issueId, 'draft.pdf', fileOf(300));
    await w.settle();
    await w.jira(PEOPLE.dmitri.email, 'DELETE', `/rest/api/3/attachment/${attachmentId}`);
    await w.settle();
    expect((await taskFiles(w, taskId)).map((f) => f.name)).toEqual(['draft.pdf']);
    const deletion = attachmentEntries(w).find((e) => e.operation === 'attachment-delete');
    expect(deletion?.message).toContain('draft.pdf');
    expect(w.platform.kvs.peek(`flink:jira:${issueId}-${attachmentId}`)).toBeUndefined();
  });

  it('deleted before its copy was made is journalled as skipped, and nothing reaches the task', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const attachmentId = await attachInJira(w, PEOPLE.dmitri.email, issueId, 'mistake.pdf', fileOf(50));
    await w.jira(PEOPLE.dmitri.email, 'DELETE', `/rest/api/3/attachment/${attachmentId}`);
    await w.settle();
    expect(await taskFiles(w, taskId)).toEqual([]);
    expect(attachmentEntries(w)).toEqual([
      expect.objectContaining({ outcome: 'skipped', message: expect.stringContaining('mistake.pdf') as unknown }),
    ]);
  });
});
