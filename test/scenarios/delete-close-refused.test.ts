/**
 * A deleted side's survivor whose close is refused (HTTP 400) is not closed, and retrying would be refused again:
 * the pair is still let go, and the journal's one delete entry says so truthfully — the survivor left open with
 * what to do, status recorded as refused like any other refused write — never "closed" (model seed 31).
 */
import { actions, createWorld, pairedTask, PEOPLE, type World } from './harness';

interface DeleteEntry {
  operation: string;
  outcome: string;
  message?: string;
  refused?: string[];
  notes?: { code: string }[];
}

function deleteEntries(w: World): DeleteEntry[] {
  return (actions(w).journal() as DeleteEntry[]).filter((e) => e.operation === 'delete');
}

describe('a delete whose close of the survivor is refused', () => {
  it('leaves the task open and unlinked, and journals the refused close, when its issue is deleted', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}`);
    // Every write of the app is refused: the delete job's only one is tasks.task.complete.
    w.platform.setFaults({ seed: 1, refusedWrites: 1 });
    await w.settle();
    w.platform.setFaults({});
    await w.settle();

    expect((await actions(w).b24Task(taskId)).status).toBe('2');
    expect(actions(w).linkOfTask(taskId)).toBeUndefined();
    const [entry, ...more] = deleteEntries(w);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ outcome: 'warning', refused: ['status'] });
    expect(entry?.notes?.map((n) => n.code)).toEqual(['deleted.jira.leftOpen', 'closeRefused']);
    expect(entry?.message).toMatch(
      new RegExp(
        `task ${taskId} unlinked but left open: close it by hand\\. Closing it was refused: .*tasks\\.task\\.complete`,
      ),
    );
    expect(entry?.message).not.toMatch(/closed/);
  });

  it('leaves the issue open and unlinked, and journals the refused transition, when its task is deleted', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    w.platform.setFaults({ seed: 1, refusedWrites: 1 });
    await w.settle();
    w.platform.setFaults({});
    await w.settle();

    expect((await actions(w).issue(issueId)).fields.status.name).toBe('To Do');
    expect(actions(w).linkOfIssue(issueId)).toBeUndefined();
    const [entry, ...more] = deleteEntries(w);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ outcome: 'warning', refused: ['status'] });
    expect(entry?.notes?.map((n) => n.code)).toEqual(['deleted.b24.leftOpen', 'closeRefused']);
    expect(entry?.message).not.toMatch(/closed/);
  });
});

describe('a delete whose survivor cannot be read', () => {
  it('journals that the survivor could not be read and was unlinked, never that it was closed', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    // Both sides deleted before the app hears of either: whichever delete it handles first finds no survivor.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}`);
    await w.settle();

    expect(actions(w).linkOfTask(taskId)).toBeUndefined();
    const [entry, ...more] = deleteEntries(w);
    expect(more).toEqual([]);
    expect(entry?.outcome).toBe('warning');
    expect(entry?.notes?.map((n) => n.code)).toEqual([expect.stringMatching(/^deleted\.(b24|jira)\.unreadable$/)]);
    expect(entry?.message).toMatch(/could not be read/);
    // Never the sentence of a close that happened ("issue DEMO-1 closed.").
    expect(entry?.message).not.toMatch(/(issue|task) \S+ closed/);
  });
});
