/**
 * People whose Jira profile hides their e-mail (Dmitri in the seed) still match by e-mail: the app reads hidden
 * addresses through /rest/api/3/user/email/bulk as itself (scope read:email-address:jira).
 */
import { createResolverWorld } from '../resolvers/world';
import { actions, createWorld, pairedTask, PEOPLE } from './harness';

describe('a Jira person who hides their e-mail', () => {
  it('is hidden from people: user replies carry no emailAddress and e-mail search does not find them', async () => {
    const w = await createWorld();
    const user = (await w.jira(
      PEOPLE.anna.email,
      'GET',
      `/rest/api/3/user?accountId=${PEOPLE.dmitri.accountId}`,
    )) as Record<string, unknown>;
    expect(user).not.toHaveProperty('emailAddress');
    expect(await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/user/search?query=${PEOPLE.dmitri.email}`)).toEqual([]);
  });

  it('becomes the assignee when made responsible in Bitrix24, matched through the bulk e-mail call', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    w.platform.resetStats();
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { RESPONSIBLE_ID: PEOPLE.dmitri.b24 } });
    await w.settle();
    expect((await a.issue(issueId)).fields.assignee?.accountId).toBe(PEOPLE.dmitri.accountId);
    expect(w.platform.stats().jira.byEndpoint['GET /rest/api/3/user/email/bulk']).toBe(1);
  });

  it('becomes the responsible person when assigned in Jira', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.ben.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { assignee: { accountId: PEOPLE.dmitri.accountId } },
    });
    await w.settle();
    expect((await a.b24Task(taskId)).responsibleId).toBe(PEOPLE.dmitri.b24);
  });

  it('is listed as matched by e-mail on the People tab', async () => {
    const world = await createResolverWorld();
    const people = await world.settings('ben', 'getPeople');
    expect(people.matched).toContainEqual({
      b24: expect.objectContaining({ id: PEOPLE.dmitri.b24 }) as unknown,
      jira: { id: PEOPLE.dmitri.accountId, name: 'Dmitri Ivanov', email: PEOPLE.dmitri.email },
      by: 'email',
    });
  });
});
