/**
 * Issue 10, item 11: same-second conflicts are compared at whole seconds with a tie to Bitrix24 (Bitrix24 keeps
 * seconds, Jira milliseconds); a person's comment whose words equal a comment just mirrored is still a comment;
 * a failure before the job's project is known is journalled where the activity tab shows it.
 */
import { actions, adfText, createWorld, pairedTask, PEOPLE, type World } from './harness';

interface B24Comment { ID: string; POST_MESSAGE: string }
const jiraComments = async (w: World, issueId: string): Promise<{ body: unknown }[]> =>
  ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as { comments: { body: unknown }[] }).comments;

describe('a conflict within one second', () => {
  it('goes to Bitrix24 even though Jira\'s edit is later by its milliseconds', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 2, delayEvents: 1 });
    // Both edits fall in the same whole second: Bitrix24's at .100, Jira's at .900.
    w.clock.advance(1000 - (w.clock.now() % 1000) + 100);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Bitrix24, same second' } });
    w.clock.advance(800);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Jira, same second' } });
    await w.settle();
    w.platform.setFaults({});
    const a = actions(w);
    expect((await a.issue(issueId)).fields.summary).toBe('Bitrix24, same second');
    expect((await a.b24Task(taskId)).title).toBe('Bitrix24, same second');
    expect(a.journal().find((e) => e.outcome === 'conflict')?.message).toContain('Bitrix24 wins');
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
    const b24 = (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as B24Comment[];
    expect(b24).toHaveLength(2);
  });
});

describe('a job that fails before its project is known', () => {
  it('is journalled under the paired project, where the activity tab shows it', async () => {
    const w = await createWorld();
    const a = actions(w);
    const b24 = w.platform.b24;
    const handle = b24.handle.bind(b24);
    // The app may not read tasks (a permission withdrawn): the unlinked task's job fails on its first read.
    b24.handle = async (request, caller) =>
      request.url.includes('tasks.task.get') && !request.url.includes(`/rest/${PEOPLE.ben.b24}/`)
        ? new Response(JSON.stringify({ error: 'ACCESS_DENIED', error_description: 'Access denied' }), { status: 403 })
        : handle(request, caller);
    await a.createTask(PEOPLE.ben.b24, { TITLE: 'Unreadable for the app' });
    await w.settle();
    const failed = w.platform.kvs.keys().filter((k: string) => k.startsWith('journal:DEMO:'))
      .map((k: string) => w.platform.kvs.peek(k) as { outcome: string; operation: string })
      .filter((e) => e.outcome === 'failed');
    expect(failed.map((e) => e.operation)).toEqual(['task-changed']);
    expect(w.platform.kvs.keys().filter((k: string) => k.startsWith('journal:-:'))).toEqual([]);
  });
});
