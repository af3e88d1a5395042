/**
 * Jira refuses single fields (a person who may not be assigned, a field off the project's screen, a value the field
 * does not allow) and, on a real site, the whole edit with them. The rest of a change must still arrive, and the
 * journal must say which field, which value and why.
 */
import { actions, createWorld, PEOPLE, pairedTask, reconfigure, type World } from './harness';

/** In the seed: may browse DEMO, may not be assigned. Farid (Bitrix24 only) is mapped to her by an override. */
const GRETA = '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e06';

async function worldWithGretaAsFarid(): Promise<World> {
  const w = await createWorld();
  reconfigure(w, (c) => ({
    ...c,
    users: { ...c.users, overrides: [...c.users.overrides, { b24UserId: PEOPLE.farid.b24, jiraAccountId: GRETA }] },
  }));
  return w;
}

describe('a change Jira refuses in part', () => {
  it('a new responsible who cannot be assigned in Jira, with a new title: the title arrives, the assignee stays, the journal says who and why', async () => {
    const w = await worldWithGretaAsFarid();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    w.platform.resetStats();

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
      taskId,
      fields: { TITLE: 'Renamed, for Farid', RESPONSIBLE_ID: PEOPLE.farid.b24 },
    });
    await w.settle();

    const issue = await a.issue(issueId);
    expect(issue.fields.summary).toBe('Renamed, for Farid');
    expect(issue.fields.assignee?.accountId).toBe(PEOPLE.chloe.accountId);
    const entry = a.journal().find((e) => e.operation === 'sync' && e.outcome === 'warning' && e.taskId === taskId);
    expect(entry?.message).toContain(
      `assignee not written to Jira: Bitrix24 user 5 (Jira ${GRETA}) was refused (Jira: "User 'Greta Vogel' cannot be assigned issues.")`,
    );
    // Bitrix24 keeps its new responsible: the refused value is not copied back over it.
    expect((await a.b24Task(taskId)).responsibleId).toBe(PEOPLE.farid.b24);
    expect(w.platform.stats().jira.byEndpoint['PUT /rest/api/3/issue/{id}']).toBe(2);

    w.platform.resetStats();
    await w.settle();
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(w.platform.stats().b24.writes).toBe(0);
  });

  it('a task created for someone who cannot be assigned is still created, unassigned, with the refusal journalled', async () => {
    const w = await worldWithGretaAsFarid();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, {
      TITLE: 'For Farid from the start',
      RESPONSIBLE_ID: PEOPLE.farid.b24,
    });
    await w.settle();
    const issue = await a.issueOfTask(taskId);
    expect(issue.fields.summary).toBe('For Farid from the start');
    expect(issue.fields.assignee).toBeNull();
    const entry = a.journal().find((e) => e.operation === 'create' && e.taskId === taskId);
    expect(entry).toMatchObject({
      outcome: 'warning',
      message: expect.stringContaining("User 'Greta Vogel' cannot be assigned issues."),
    });
    expect(await a.issuesInProject()).toHaveLength(1);
  });

  it('a custom field that is not on the project screen is left out of the edit, and the rest arrives', async () => {
    const w = await createWorld();
    w.platform.b24.addUserField({ name: 'UF_COST', type: 'string', multiple: false, mandatory: false });
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, (c) => ({
      ...c,
      customFields: [{ b24Field: 'UF_COST', jiraField: 'customfield_10070', converter: 'string', direction: 'both' }],
    }));

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Costed', UF_COST: 'R&D' } });
    await w.settle();

    expect((await a.issue(issueId)).fields.summary).toBe('Costed');
    const entry = a.journal().find((e) => e.operation === 'sync' && e.outcome === 'warning' && e.taskId === taskId);
    expect(entry?.message).toContain(
      'UF_COST (customfield_10070) not written to Jira: R&D was refused (Jira: "Field \'customfield_10070\' cannot be set. It is not on the appropriate screen, or unknown.")',
    );
  });
});
