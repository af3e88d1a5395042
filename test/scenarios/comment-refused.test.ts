/**
 * A comment the other side refuses (a 400, as for a value it will not take) is journalled with that side's words
 * and what to do, as a refused field value is, instead of failing the job for good; its next edit is copied.
 */
import { PEOPLE, actions, adfText, createWorld, pairedTask, type World } from './harness';

const jiraComments = async (w: World, issueId: string): Promise<unknown[]> =>
  ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as { comments: unknown[] })
    .comments;

const commentEntries = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.operation === 'comment');

describe('a comment the other side refuses', () => {
  it('from Bitrix24: is journalled as refused by Jira with what to do, and its edit is copied', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ refusedWrites: 1 });
    const commentId = (await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [
      taskId,
      { POST_MESSAGE: 'Not taken at first' },
    ])) as number;
    await w.settle();
    expect(await jiraComments(w, issueId)).toHaveLength(0);
    const [refused, ...more] = commentEntries(w);
    expect(more).toEqual([]);
    expect(refused?.outcome).toBe('warning');
    expect(refused?.message).toContain('Jira refused the copy of this comment');
    expect(
      actions(w)
        .journal()
        .filter((e) => e.outcome === 'failed'),
    ).toEqual([]);

    w.platform.setFaults({});
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [taskId, commentId, { POST_MESSAGE: 'Taken now' }]);
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(comments).toHaveLength(1);
    expect(JSON.stringify(comments[0])).toContain('Taken now');
  });

  it('from Jira: is journalled as refused by Bitrix24, nothing failed', async () => {
    const w = await createWorld();
    const { issueId } = await pairedTask(w);
    w.platform.setFaults({ refusedWrites: 1 });
    await w.jira(PEOPLE.ben.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, { body: adfText('Refused there') });
    await w.settle();
    const [refused] = commentEntries(w);
    expect(refused?.outcome).toBe('warning');
    expect(refused?.message).toContain('Bitrix24 refused the copy of this comment');
    expect(
      actions(w)
        .journal()
        .filter((e) => e.outcome === 'failed'),
    ).toEqual([]);
  });
});
