/**
 * A comment whose other side was deleted before the comment reached it: the comment's job finds the issue gone
 * (404) and gives way to the delete, as a pair sync that finds a side gone does. Nothing fails, nothing asks for a
 * Retry that can never succeed, and the pair gets the delete policy once.
 */
import { actions, adfText, createWorld, pairedTask, PEOPLE } from './harness';

it('a Bitrix24 comment on a pair whose issue was just deleted ends in the delete, not a failure', async () => {
  const w = await createWorld();
  const { taskId, issueId } = await pairedTask(w);
  w.clock.advance(1000);
  await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Still on it' }]);
  // The issue goes before the comment's job runs: its event is queued behind the comment's.
  await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}`);
  await w.settle();
  const about = actions(w)
    .journal()
    .filter((e) => e.taskId === taskId);
  expect(about.filter((e) => e.outcome === 'failed')).toEqual([]);
  expect(about.filter((e) => e.operation === 'delete').map((e) => e.outcome)).toEqual(['synced']);
  expect((await actions(w).b24Task(taskId)).status).toBe('5');
  expect(actions(w).linkOfTask(taskId)).toBeUndefined();
});

it('a Jira comment on a pair whose task was just deleted ends in the delete, not a failure', async () => {
  const w = await createWorld();
  const { taskId, issueId } = await pairedTask(w);
  w.clock.advance(1000);
  await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, { body: adfText('Still on it') });
  await w.b24(PEOPLE.anna.b24, 'tasks.task.delete', { taskId });
  await w.settle();
  const about = actions(w)
    .journal()
    .filter((e) => e.issueId === issueId);
  expect(about.filter((e) => e.outcome === 'failed')).toEqual([]);
  expect(about.filter((e) => e.operation === 'delete').map((e) => e.outcome)).toEqual(['synced']);
  expect((await actions(w).issue(issueId)).fields.status.name).toBe('Done');
  expect(actions(w).linkOfIssue(issueId)).toBeUndefined();
});
