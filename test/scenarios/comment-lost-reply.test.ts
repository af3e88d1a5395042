/**
 * A comment's mirror whose post landed but whose reply was lost is posted once: the retry finds it on the other
 * side and links it, instead of posting it again. Both directions, and a long comment whose second part's reply
 * was lost. A person's look-alike comment is never taken for the app's mirror.
 */
import { PEOPLE, actions, adfText, createWorld, pairedTask, type World } from './harness';

interface JiraComment {
  id: string;
  body: { content: unknown[] };
}
interface B24Comment {
  ID: string;
  POST_MESSAGE: string;
  AUTHOR_ID: string;
}

const jiraComments = async (w: World, issueId: string): Promise<JiraComment[]> =>
  (
    (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment?maxResults=100`)) as {
      comments: JiraComment[];
    }
  ).comments;

const b24Comments = async (w: World, taskId: string): Promise<B24Comment[]> =>
  (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as B24Comment[];

/** Lose the reply of the app's `nth` Jira comment post only, then clear the plan. */
function loseJiraCommentReply(w: World, nth = 1): void {
  let seen = 0;
  const stop = w.platform.jira.onEvent((event) => {
    if (event.eventType !== 'avi:jira:commented:issue') return;
    seen += 1;
    if (seen === nth - 1) w.platform.setFaults({ lostReplies: 1 });
    if (seen === nth) {
      w.platform.setFaults({});
      stop();
    }
  });
  if (nth === 1) w.platform.setFaults({ lostReplies: 1 });
}

const failed = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.outcome === 'failed');

describe('a Bitrix24 comment whose post in Jira landed but whose reply was lost', () => {
  it('appears in Jira once, linked, and its edit updates that one comment', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    loseJiraCommentReply(w);
    const commentId = (await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [
      taskId,
      { POST_MESSAGE: 'Posted once, whatever the network does' },
    ])) as number;
    await w.settle();
    expect(await jiraComments(w, issueId)).toHaveLength(1);
    expect(w.platform.stats().jira.byEndpoint['POST /rest/api/3/issue/{id}/comment']).toBe(1);

    await w.b24(PEOPLE.ben.b24, 'task.commentitem.update', [taskId, commentId, { POST_MESSAGE: 'Edited after' }]);
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(comments).toHaveLength(1);
    expect(JSON.stringify(comments[0]?.body)).toContain('Edited after');
    expect(await b24Comments(w, taskId)).toHaveLength(1);
    expect(failed(w)).toEqual([]);
  });

  it('in numbered parts, with the second part\u2019s reply lost, arrives with every part once', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const words = 'Findings of the audit, page by page, with every number checked twice. ';
    const text = words
      .repeat(Math.ceil(70_000 / words.length))
      .slice(0, 70_000)
      .trim();
    loseJiraCommentReply(w, 2);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: text }]);
    await w.settle();
    const parts = await jiraComments(w, issueId);
    const labels = parts.map((p) => /\d+\/\d+/.exec(JSON.stringify(p.body))?.[0]);
    expect(labels).toEqual(labels.map((_, i) => `${i + 1}/${labels.length}`));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(failed(w)).toEqual([]);
  });

  it('is still posted when a person had written the same words with the label by hand', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    // Chloe's look-alike is no mirror of the app's: it is not the app's account that wrote it.
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Ben Carter (Bitrix24): Shadowed words'),
    });
    await w.settle();
    loseJiraCommentReply(w);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Shadowed words' }]);
    await w.settle();
    const comments = await jiraComments(w, issueId);
    expect(comments).toHaveLength(2);
    expect(failed(w)).toEqual([]);
  });
});

/** Lose the reply of the app's next Bitrix24 comment add only: cleared once that add has been applied. */
function loseB24CommentReply(w: World): void {
  w.platform.setFaults({ b24LostReplies: 1 });
  const original = w.platform.b24.handle.bind(w.platform.b24);
  w.platform.b24.handle = async (request, caller) => {
    const isAdd = new URL(request.url).pathname.includes('task.commentitem.add');
    const response = await original(request, caller);
    if (isAdd) w.platform.setFaults({});
    return response;
  };
}

describe('a Jira comment whose post in Bitrix24 landed but whose reply was lost', () => {
  it('appears in Bitrix24 once, linked, so the same words said again are a second comment', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    loseB24CommentReply(w);
    await w.jira(PEOPLE.ben.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Mirrored once into Bitrix24'),
    });
    await w.settle();
    const once = await b24Comments(w, taskId);
    expect(once).toHaveLength(1);
    expect(once[0]?.POST_MESSAGE).toContain('Mirrored once into Bitrix24');
    expect(w.platform.stats().b24.byMethod['task.commentitem.add']).toBe(1);

    // Linked, the first mirror is nobody's landed post any more: Chloe's same words get their own.
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Mirrored once into Bitrix24'),
    });
    await w.settle();
    expect(await b24Comments(w, taskId)).toHaveLength(2);
    expect(await jiraComments(w, issueId)).toHaveLength(2);
    expect(failed(w)).toEqual([]);
  });
});
