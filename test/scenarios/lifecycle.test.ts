/**
 * Deletes follow the project's delete policy (close by default, or delete, or unlink), and custom fields travel
 * between a Bitrix24 UF_* field and a Jira customfield_* through their converter.
 */
import { defaultConfig, type SyncConfig } from '../../src/core/config';
import { actions, createWorld, pairedTask, PEOPLE, reconfigure } from './harness';

describe('deleting one side of a pair', () => {
  it('closes the other side by default: a deleted task leaves its issue Done', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('Done');
    expect(actions(w).linkOfIssue(issueId)).toBeUndefined();
  });

  it('closes the task when its issue is deleted', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}`);
    await w.settle();
    expect((await actions(w).b24Task(taskId)).status).toBe('5');
  });

  it('deletes the other side under the "delete" policy, without an echo coming back', async () => {
    const w = await createWorld();
    reconfigure(w, (c) => ({ ...c, deletes: { ...c.deletes, task: 'delete' } }));
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${issueId}`);
    await w.settle();
    expect(await actions(w).tasksInGroup()).toEqual([]);
    expect(actions(w).linkOfTask(taskId)).toBeUndefined();
  });

  it('only forgets the pair under the "unlink" policy', async () => {
    const w = await createWorld();
    reconfigure(w, (c) => ({ ...c, deletes: { ...c.deletes, task: 'unlink' } }));
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.status.name).toBe('To Do');
    expect(actions(w).linkOfIssue(issueId)).toBeUndefined();
  });
});

describe('a custom field pair', () => {
  it('carries a text value both ways', async () => {
    const w = await createWorld();
    w.platform.b24.addUserField({ name: 'UF_CONTRACT', type: 'string', multiple: false, mandatory: false });
    reconfigure(w, (c) => ({
      ...c,
      customFields: [
        { b24Field: 'UF_CONTRACT', jiraField: 'customfield_10050', converter: 'string', direction: 'both' },
      ],
    }));
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Contract work', UF_CONTRACT: 'C-2026-17' });
    await w.settle();
    const issueId = a.linkOfTask(taskId)?.issueId ?? '';
    const issue = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}?fields=customfield_10050`)) as {
      fields: Record<string, unknown>;
    };
    expect(issue.fields.customfield_10050).toBe('C-2026-17');

    await w.jira(PEOPLE.anna.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { customfield_10050: 'C-2026-18' },
    });
    await w.settle();
    const task = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'UF_CONTRACT'] })) as {
      task: Record<string, unknown>;
    };
    expect(task.task.ufContract).toBe('C-2026-18');
  });
});

// The default mapping is what the seed installs; this keeps the two from drifting apart.
test('the seed installs the default mapping', async () => {
  const w = await createWorld();
  const stored = w.platform.kvs.peek('config:DEMO') as SyncConfig;
  const expected = defaultConfig('DEMO', '1', {
    timeZone: 'Europe/Berlin',
    connection: { portalDomain: 'sandbox.bitrix24.com', authMode: 'webhook' },
  });
  expect(stored).toEqual(JSON.parse(JSON.stringify(expected)));
});
