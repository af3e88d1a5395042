/**
 * The self-hosted service runs one job per pair at a time (its job engine's pair key), in the sandbox and the
 * scenario tests as on pg-boss: a Bitrix24 delete drained from the offline queue and a Jira edit of the same pair,
 * due in the same instant, are synced one after the other, so the pair is let go and its survivor closed once.
 */
import { PEOPLE } from './harness';
import { createRuntimeWorld } from './runtimes';

interface Entry {
  operation: string;
  outcome: string;
  message?: string;
  taskId?: string;
}

it('a delete and an edit of one pair due together are synced one after the other', async () => {
  const w = await createRuntimeWorld('service');
  const added = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
    fields: { TITLE: 'Shared work', GROUP_ID: '1', RESPONSIBLE_ID: PEOPLE.chloe.b24 },
  })) as { task: { id: string } };
  const taskId = added.task.id;
  await w.settle();
  const { issueId } = (await w.stored(`link:b24:${taskId}`)) as { issueId: string };
  // The offline drain runs on each whole minute: both changes are made at the next one.
  w.clock.advance(Math.ceil((w.clock.now() + 1) / 60_000) * 60_000 - w.clock.now());
  await w.b24(PEOPLE.anna.b24, 'tasks.task.delete', { taskId });
  await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Renamed' } });
  await w.settle();
  const deletes = ((await w.journal()) as Entry[]).filter((e) => e.taskId === taskId && e.operation === 'delete');
  expect(deletes.map((e) => [e.outcome, e.message])).toEqual([
    ['synced', `Bitrix24 task ${taskId} was deleted; issue DEMO-1 closed.`],
  ]);
});
