/**
 * At the sync level, a linked task outside the project's workgroup (moved out, or linked before
 * links were checked) is neither overwritten from Jira nor copied into Jira, nor are its comments and files, in
 * either direction; the journal says why.
 */
import { actions, adfText, attachInJira, createWorld, fileOf, pairedTask, PEOPLE, type World } from './harness';

const HELD_BACK = /not in the Bitrix24 workgroup 1 paired with project DEMO/;

/** A pair whose task Anna has moved to the board's private workgroup, after the move has been synced (held back). */
async function movedOutPair(w: World): Promise<{ taskId: string; issueId: string }> {
  w.platform.seed.b24.groups.push({ id: '2', name: 'Board of directors' });
  const pair = await pairedTask(w);
  await w.b24(PEOPLE.anna.b24, 'tasks.task.update', {
    taskId: pair.taskId,
    fields: { GROUP_ID: '2', TITLE: 'Board: salaries 2027' },
  });
  await w.settle();
  return pair;
}

const heldBack = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.operation === 'held-back');

/** Runs `act` and lets the sync settle; returns the check that it added held-back lines only, naming the workgroup. */
async function afterSync(w: World, taskId: string, act: () => Promise<unknown>): Promise<() => void> {
  const before = heldBack(w).length;
  await act();
  await w.settle();
  return () => {
    const added = heldBack(w).slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((e) => e.outcome === 'skipped' && e.taskId === taskId && HELD_BACK.test(e.message ?? ''))).toBe(
      true,
    );
    expect(
      actions(w)
        .journal()
        .filter((e) => e.outcome === 'failed'),
    ).toEqual([]);
  };
}

describe('a linked task outside the paired workgroup', () => {
  it('is not overwritten by a Jira edit and does not overwrite the issue', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await movedOutPair(w);
    expect((await a.issue(issueId)).fields.summary).toBe('Shared work');
    await w.jira(PEOPLE.ben.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: 'Overwrite the board task' },
    });
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe('Board: salaries 2027');
    const held = heldBack(w);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((e) => e.outcome === 'skipped' && HELD_BACK.test(e.message ?? ''))).toBe(true);
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });

  it('keeps its Bitrix24 comments out of Jira', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await movedOutPair(w);
    const expectHeldBackJournalled = await afterSync(w, taskId, () =>
      w.b24(PEOPLE.anna.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Salaries: see the board minutes' }]),
    );
    const comments = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as {
      comments: unknown[];
    };
    expect(comments.comments).toEqual([]);
    expectHeldBackJournalled();
  });

  it('keeps its chat comments (new task card) out of Jira', async () => {
    const w = await createWorld();
    w.platform.b24.setDefaultCardKind('chat');
    const { taskId, issueId } = await movedOutPair(w);
    const task = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'CHAT_ID'] })) as {
      task: { chatId: string };
    };
    const expectHeldBackJournalled = await afterSync(w, taskId, () =>
      w.b24(PEOPLE.ben.b24, 'im.message.add', { DIALOG_ID: `chat${task.task.chatId}`, MESSAGE: 'Board chat: bonuses' }),
    );
    const comments = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as {
      comments: unknown[];
    };
    expect(comments.comments).toEqual([]);
    expectHeldBackJournalled();
  });

  it('gets no Jira comment written into it', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await movedOutPair(w);
    const expectHeldBackJournalled = await afterSync(w, taskId, () =>
      w.jira(PEOPLE.dmitri.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
        body: adfText('Phishing link here'),
      }),
    );
    expect(await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])).toEqual([]);
    expectHeldBackJournalled();
  });

  it('gets no Jira file attached to it', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await movedOutPair(w);
    const expectHeldBackJournalled = await afterSync(w, taskId, () =>
      attachInJira(w, PEOPLE.dmitri.email, issueId, 'payload.pdf', fileOf(300)),
    );
    const read = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', {
      taskId,
      select: ['ID', 'UF_TASK_WEBDAV_FILES'],
    })) as { task: { ufTaskWebdavFiles?: unknown } };
    expect(Array.isArray(read.task.ufTaskWebdavFiles) ? read.task.ufTaskWebdavFiles : []).toEqual([]);
    expectHeldBackJournalled();
  });
});
