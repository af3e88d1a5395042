/**
 * Comments flow both ways with attribution, edits follow, duplicated or reordered deliveries never create a second
 * comment, and comments of the new task card (task chat) are handled. A person's comment whose words equal one just
 * mirrored is still a comment: an echo is recognised by what the app wrote, not by the words alone.
 */
import { PEOPLE, adfText, createWorld, pairedTask, type World } from './harness';

interface JiraComments {
  comments: { id: string; body: unknown }[];
}
interface B24Comment {
  ID: string;
  POST_MESSAGE: string;
  AUTHOR_ID: string;
}

const jiraComments = async (w: World, issueId: string): Promise<JiraComments['comments']> =>
  ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as JiraComments).comments;

const b24Comments = async (w: World, taskId: string): Promise<B24Comment[]> =>
  (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as B24Comment[];

describe('a Bitrix24 comment', () => {
  it('appears once in Jira with the author in bold, and its edit follows', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const commentId = (await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [
      taskId,
      { POST_MESSAGE: 'Please check the [B]numbers[/B]' },
    ])) as number;
    await w.settle();
    const [comment, ...more] = await jiraComments(w, issueId);
    expect(more).toHaveLength(0);
    const body = JSON.stringify(comment?.body);
    expect(body).toContain('Ben Carter (Bitrix24):');
    expect(body).toContain('"strong"');
    expect(body).toContain('numbers');

    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [
      taskId,
      commentId,
      { POST_MESSAGE: 'Please check the totals' },
    ]);
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(comments).toHaveLength(1);
    expect(JSON.stringify(comments[0]?.body)).toContain('totals');
    // The mirror in Jira never travels back into Bitrix24.
    expect(await b24Comments(w, taskId)).toHaveLength(1);
  });

  it('delivered twice, and deleted afterwards, leaves no duplicate and follows the delete', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 7, duplicateEvents: 1 });
    const commentId = (await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [
      taskId,
      { POST_MESSAGE: 'Twice delivered' },
    ])) as number;
    await w.settle();
    w.platform.setFaults({});
    expect(await jiraComments(w, issueId)).toHaveLength(1);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.delete', [taskId, commentId]);
    await w.settle();
    expect(await jiraComments(w, issueId)).toHaveLength(0);
  });

  it('of the new task card (its chat) is mirrored too', async () => {
    const w = await createWorld();
    w.platform.b24.setDefaultCardKind('chat');
    const { taskId, issueId } = await pairedTask(w);
    await w
      .b24(PEOPLE.ben.b24, 'tasks.task.chat.message.send', {
        fields: { taskId: Number(taskId), text: 'Chat comment from the new card' },
      })
      .catch(async () => {
        const task = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'CHAT_ID'] })) as {
          task: { chatId: string };
        };
        await w.b24(PEOPLE.ben.b24, 'im.message.add', {
          DIALOG_ID: `chat${task.task.chatId}`,
          MESSAGE: 'Chat comment from the new card',
        });
      });
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(
      comments.map((c) => JSON.stringify(c.body)).filter((b) => b.includes('Chat comment from the new card')),
    ).toHaveLength(1);
  });
});

describe('a Jira comment', () => {
  it('appears once in Bitrix24 with the author in bold and never comes back', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.dmitri.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Deployed to staging'),
    });
    await w.settle();
    const comments = await b24Comments(w, taskId);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.POST_MESSAGE).toMatch(/^\[B\]Dmitri Ivanov \(Jira\): ?\[\/B\]/);
    expect(comments[0]?.POST_MESSAGE).toContain('Deployed to staging');
    expect(await jiraComments(w, issueId)).toHaveLength(1);
    w.platform.resetStats();
    await w.settle();
    expect(w.platform.stats().jira.writes + w.platform.stats().b24.writes).toBe(0);
  });

  it('deleted in Jira is deleted in Bitrix24', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const created = (await w.jira(PEOPLE.dmitri.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Temporary'),
    })) as { id: string };
    await w.settle();
    await w.jira(PEOPLE.dmitri.email, 'DELETE', `/rest/api/3/issue/${issueId}/comment/${created.id}`);
    await w.settle();
    expect(await b24Comments(w, taskId)).toHaveLength(0);
  });
});

describe('a comment with the same words as one just mirrored', () => {
  it('written by a person in Bitrix24 reaches Jira', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, { body: adfText('Agreed') });
    await w.settle();
    // Anna is the integration user: her comments are the ones an echo could be taken for.
    await w.b24(PEOPLE.anna.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Agreed' }]);
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(comments).toHaveLength(2);
    expect(JSON.stringify(comments[1]?.body)).toContain('Anna');
    expect(await b24Comments(w, taskId)).toHaveLength(2);
  });
});
