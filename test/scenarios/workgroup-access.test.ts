/**
 * Pairing respects the Bitrix24 side's rights: the site admin lists on the Connection tab which workgroups may pair
 * with which projects, and once a workgroup is taken off the list, nothing of its pairs crosses in either direction
 * (edits, new tasks, deletes, reconciliation); the journal says why and what to do. An install that predates the
 * list keeps syncing: the list is seeded from the pairings it finds, and that is journalled too.
 */
import { keys } from '../../src/app/store/keys';
import { defaultSeed } from '../../src/local/seed';
import { actions, adfText, createWorld, pairedTask, PEOPLE, type World } from './harness';

const NOT_LISTED =
  /which the Connection tab does not list for this project, so nothing of it is synced or migrated\. A Jira administrator can list the workgroup for DEMO on the Connection tab/;

/** Anna, the site admin, saving the Connection tab's list of workgroups. */
async function listWorkgroups(
  w: World,
  entries: { groupId: string; projects: string[] }[],
): Promise<Record<string, unknown>> {
  const reply = await w.platform.invoke({
    function: 'settings-resolver-fn',
    call: 'saveWorkgroupAccess',
    payload: { entries },
    accountId: PEOPLE.anna.accountId,
    extension: { project: { key: 'DEMO' } },
  });
  return reply as Record<string, unknown>;
}

const heldBack = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.operation === 'held-back' && NOT_LISTED.test(e.message ?? ''));
const failed = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.outcome === 'failed');

describe('a workgroup the site admin takes off the list', () => {
  it('gets no Bitrix24 edit written to Jira, and the journal says what to do', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    expect(await listWorkgroups(w, [])).toMatchObject({ entries: [] });
    w.platform.resetStats();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Board: salaries 2027' } });
    await w.settle();
    expect((await a.issue(issueId)).fields.summary).toBe('Shared work');
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(heldBack(w)).toEqual([expect.objectContaining({ outcome: 'skipped', taskId })]);
    expect(failed(w)).toEqual([]);
  });

  it('once listed for another project only, gets no Jira edit or comment written to Bitrix24', async () => {
    const seed = defaultSeed();
    seed.jira.projects.push({ id: '10001', key: 'OPS', name: 'Operations' });
    const w = await createWorld({ seed });
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    expect(await listWorkgroups(w, [{ groupId: '1', projects: ['OPS'] }])).toMatchObject({
      entries: [{ groupId: '1', projects: ['OPS'] }],
    });
    w.platform.resetStats();
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: 'Overwrite the task' },
    });
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('A comment for the workgroup'),
    });
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    expect(await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])).toEqual([]);
    expect(w.platform.stats().b24.writes).toBe(0);
    expect(heldBack(w).length).toBeGreaterThanOrEqual(2);
    expect(failed(w)).toEqual([]);
  });

  it('gets no issue for a new task, and no delete carried across', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await listWorkgroups(w, []);
    const newTask = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Board minutes' });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    await w.settle();
    expect(a.linkOfTask(newTask)).toBeUndefined();
    expect((await a.issuesInProject()).map((i) => i.id)).toEqual([issueId]);
    expect((await a.issue(issueId)).fields.status.name).toBe('To Do');
    expect(
      heldBack(w)
        .map((e) => e.taskId)
        .sort(),
    ).toEqual([newTask, taskId].sort());
    expect(failed(w)).toEqual([]);
  });

  it('is not reconciled: the hourly run journals the hold, once a day, instead of queueing its changes', async () => {
    const w = await createWorld();
    const { taskId } = await pairedTask(w);
    await listWorkgroups(w, []);
    w.platform.setFaults({ seed: 7, dropEvents: 1 });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Missed by the events' } });
    await w.settle();
    w.platform.setFaults({});
    w.clock.advance(3_600_000);
    w.platform.resetStats();
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(heldBack(w)).toHaveLength(1);
    // Asked every hour, it says so once a day.
    w.clock.advance(3_600_000);
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();
    expect(heldBack(w)).toHaveLength(1);
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(failed(w)).toEqual([]);
  });

  it('syncs again once it is listed for the project again', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await listWorkgroups(w, []);
    await listWorkgroups(w, [{ groupId: '1', projects: ['*'] }]);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Listed for any project' } });
    await w.settle();
    expect((await a.issue(issueId)).fields.summary).toBe('Listed for any project');
    expect(heldBack(w)).toEqual([]);
  });
});

describe('an install that predates the list', () => {
  it('keeps syncing its pairings: the list is seeded from them on first read, and the journal says so', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    w.platform.kvs.remove('plain', keys.workgroupAccess());
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'After the upgrade' } });
    await w.settle();
    expect((await a.issue(issueId)).fields.summary).toBe('After the upgrade');
    expect(w.platform.kvs.peek(keys.workgroupAccess())).toEqual({ entries: [{ groupId: '1', projects: ['DEMO'] }] });
    const seeded = a.journal().filter((e) => e.operation === 'workgroup-access');
    expect(seeded).toEqual([
      expect.objectContaining({
        outcome: 'warning',
        message: expect.stringMatching(/Workgroup 1 is now listed for project DEMO on the Connection tab/),
      }),
    ]);
  });
});
