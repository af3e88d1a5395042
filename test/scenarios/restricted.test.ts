/**
 * Jira content only some people may read stays in Jira unless the project's mapping says to copy
 * it. The emulated Jira hides it as documented (a restricted comment is invisible outside its role or group, an
 * issue under a security level is a 404 outside the level), and the app holds it back with a journal line saying
 * what and why.
 */
import type { SyncConfig } from '../../src/core/config';
import {
  actions,
  adfText,
  attachInJira,
  createWorld,
  fileOf,
  pairedTask,
  PEOPLE,
  reconfigure,
  type World,
} from './harness';

interface Comments {
  comments: { id: string; body: unknown }[];
}

const addComment = async (
  w: World,
  email: string,
  issueId: string,
  text: string,
  visibility?: unknown,
): Promise<string> =>
  (
    (await w.jira(email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText(text),
      ...(visibility ? { visibility } : {}),
    })) as { id: string }
  ).id;

const b24Comments = async (w: World, taskId: string): Promise<string[]> =>
  (
    (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as { POST_MESSAGE: string }[]
  ).map((c) => c.POST_MESSAGE);

const copyRestricted =
  (part: 'comments' | 'securedIssues') =>
  (c: SyncConfig): SyncConfig => ({
    ...c,
    restricted: { comments: 'hold-back', securedIssues: 'hold-back', ...c.restricted, [part]: 'copy' },
  });

describe('the emulated Jira', () => {
  it('hides a comment restricted to a role from everyone outside it', async () => {
    const w = await createWorld();
    const issue = await actions(w).createIssue(PEOPLE.ben.email, { summary: 'Salary review' });
    const secret = await addComment(w, PEOPLE.ben.email, issue.id, 'Budget is 10k', {
      type: 'role',
      value: 'Developers',
    });
    await addComment(w, PEOPLE.ben.email, issue.id, 'Everyone may read this');
    const asDmitri = (await w.jira(PEOPLE.dmitri.email, 'GET', `/rest/api/3/issue/${issue.id}/comment`)) as Comments;
    expect(asDmitri.comments.map((c) => JSON.stringify(c.body))).toEqual([
      expect.stringContaining('Everyone may read this'),
    ]);
    await expect(w.jira(PEOPLE.dmitri.email, 'GET', `/rest/api/3/issue/${issue.id}/comment/${secret}`)).rejects.toThrow(
      /404/,
    );
    expect(
      ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issue.id}/comment`)) as Comments).comments,
    ).toHaveLength(2);
    // Only a member may restrict a comment to a role.
    await expect(
      addComment(w, PEOPLE.dmitri.email, issue.id, 'x', { type: 'role', value: 'Developers' }),
    ).rejects.toThrow(/400.*not a member of the project role/);
  });

  it('answers 404 for an issue under a security level the person is not in, and leaves it out of searches', async () => {
    const w = await createWorld();
    const issue = await actions(w).createIssue(PEOPLE.ben.email, {
      summary: 'Layoffs plan',
      security: { id: '10100' },
    });
    expect(
      (
        (await w.jira(PEOPLE.ben.email, 'GET', `/rest/api/3/issue/${issue.id}`)) as {
          fields: { security: { name: string } };
        }
      ).fields.security.name,
    ).toBe('Staff only');
    await expect(w.jira(PEOPLE.dmitri.email, 'GET', `/rest/api/3/issue/${issue.id}`)).rejects.toThrow(/404/);
    await expect(w.jira(PEOPLE.dmitri.email, 'GET', `/rest/api/3/issue/${issue.id}/comment`)).rejects.toThrow(/404/);
    const found = (await w.jira(PEOPLE.dmitri.email, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = DEMO',
      fields: ['summary'],
    })) as { issues: unknown[] };
    expect(found.issues).toEqual([]);
    // Setting a level needs Set Issue Security (here: project administrators).
    await expect(
      actions(w).createIssue(PEOPLE.dmitri.email, { summary: 'x', security: { id: '10100' } }),
    ).rejects.toThrow(/400/);
  });
});

describe('a restricted Jira comment', () => {
  it('is held back from Bitrix24 by default, and the journal says which and why', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await addComment(w, PEOPLE.ben.email, issueId, 'Budget is 10k', { type: 'role', value: 'Developers' });
    await addComment(w, PEOPLE.ben.email, issueId, 'Public note');
    await w.settle();
    const copied = await b24Comments(w, taskId);
    expect(copied.join('\n')).toContain('Public note');
    expect(copied.join('\n')).not.toContain('Budget');
    const held = actions(w)
      .journal()
      .filter((e) => e.outcome === 'skipped' && e.operation === 'comment');
    expect(held.map((e) => e.message)).toEqual([
      expect.stringMatching(/restricted to the project role "Developers" in Jira, so it was not copied to Bitrix24/),
    ]);
  });

  it('is copied when the project mapping says so', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    reconfigure(w, copyRestricted('comments'));
    // The app reads what its role may read: a comment restricted to a group it is not in stays invisible to it anyway.
    await addComment(w, PEOPLE.ben.email, issueId, 'Budget is 10k', { type: 'role', value: 'Developers' });
    await w.settle();
    expect((await b24Comments(w, taskId)).join('\n')).toContain('Budget is 10k');
  });
});

describe('an issue under a security level', () => {
  it('gets no task by default, its comments stay in Jira, and the journal says why', async () => {
    const w = await createWorld();
    const a = actions(w);
    const issue = await a.createIssue(PEOPLE.ben.email, { summary: 'Layoffs plan', security: { id: '10100' } });
    await w.settle();
    expect(a.linkOfIssue(issue.id)).toBeUndefined();
    expect(await a.tasksInGroup()).toEqual([]);
    expect(
      a
        .journal()
        .filter((e) => e.outcome === 'skipped')
        .map((e) => e.message),
    ).toEqual([expect.stringMatching(/under the security level "Staff only" in Jira, so it is not synced/)]);
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });

  it('stops syncing a linked pair once a level is set, comments included', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.ben.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { security: { id: '10100' }, summary: 'Now secret' },
    });
    await addComment(w, PEOPLE.ben.email, issueId, 'Secret comment');
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    expect((await b24Comments(w, taskId)).join('\n')).not.toContain('Secret comment');
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });

  it('keeps its files in Jira too', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await w.jira(PEOPLE.ben.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { security: { id: '10100' } } });
    await attachInJira(w, PEOPLE.ben.email, issueId, 'severance.pdf', fileOf(64));
    await w.settle();
    const read = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', {
      taskId,
      select: ['ID', 'UF_TASK_WEBDAV_FILES'],
    })) as { task: { ufTaskWebdavFiles?: unknown } };
    // Bitrix24 answers false for a task without files.
    expect(Array.isArray(read.task.ufTaskWebdavFiles) ? read.task.ufTaskWebdavFiles : []).toEqual([]);
    expect(
      actions(w)
        .journal()
        .filter((e) => e.outcome === 'failed'),
    ).toEqual([]);
  });

  it('is synced when the project mapping says so', async () => {
    const w = await createWorld();
    const a = actions(w);
    reconfigure(w, copyRestricted('securedIssues'));
    const issue = await a.createIssue(PEOPLE.ben.email, { summary: 'Shared on purpose', security: { id: '10100' } });
    await w.settle();
    expect((await a.taskOfIssue(issue.id)).title).toBe('Shared on purpose');
  });
});
