/**
 * With duplicated, delayed, reordered and dropped deliveries plus injected 429/503 answers, every
 * scenario still ends with both sides equal, and no duplicate issue, task or comment.
 */
import { actions, adfText, createWorld, PEOPLE, type World } from './harness';

interface Pairing {
  taskId: string;
  issueId: string;
}

async function storm(w: World): Promise<Pairing[]> {
  const a = actions(w);
  const pairs: Pairing[] = [];
  for (let i = 0; i < 4; i += 1) {
    const taskId = await a.createTask(PEOPLE.ben.b24, {
      TITLE: `From Bitrix24 #${i}`,
      RESPONSIBLE_ID: PEOPLE.chloe.b24,
    });
    pairs.push({ taskId, issueId: '' });
  }
  for (let i = 0; i < 3; i += 1) {
    const issue = await a.createIssue(PEOPLE.dmitri.email, {
      summary: `From Jira #${i}`,
      description: adfText(`Issue body ${i}`),
    });
    pairs.push({ taskId: '', issueId: issue.id });
  }
  await w.platform.settle();
  return pairs;
}

async function editEverywhere(w: World): Promise<void> {
  const a = actions(w);
  for (const task of await a.tasksInGroup()) {
    // Anna administers the portal, so she may edit tasks the app created too.
    await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId: task.id, fields: { PRIORITY: '2' } });
    await w.b24(PEOPLE.anna.b24, 'task.commentitem.add', [task.id, { POST_MESSAGE: `Note on ${task.id}` }]);
  }
  for (const issue of await a.issuesInProject()) {
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issue.id}`, {
      fields: { summary: `Edited ${issue.key}` },
    });
  }
}

async function expectConverged(w: World): Promise<void> {
  const a = actions(w);
  const tasks = await a.tasksInGroup();
  const issues = await a.issuesInProject();
  expect(tasks).toHaveLength(7);
  expect(issues).toHaveLength(7);
  for (const issue of issues) {
    const task = await a.taskOfIssue(issue.id);
    const full = await a.issue(issue.id);
    expect(task.title).toBe(full.fields.summary);
    expect(task.priority).toBe('2');
    expect(full.fields.priority?.name).toBe('High');
    const comments = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issue.id}/comment`)) as {
      comments: unknown[];
    };
    expect(comments.comments).toHaveLength(1);
  }
}

describe('a fault storm', () => {
  it('with duplicated, delayed and reordered deliveries and rate-limit answers converges with no duplicate', async () => {
    const w = await createWorld();
    w.platform.setFaults({
      seed: 42,
      duplicateEvents: 0.5,
      reorderEvents: 0.5,
      delayEvents: 0.3,
      b24RateLimit: 0.15,
      jira429: 0.15,
      serverErrors: 0.05,
    });
    await storm(w);
    await editEverywhere(w);
    await w.settle();
    w.platform.setFaults({});
    await w.settle();
    await expectConverged(w);
    w.platform.resetStats();
    await w.settle();
    const stats = w.platform.stats();
    expect(stats.jira.reads + stats.jira.writes + stats.b24.reads + stats.b24.writes).toBe(0);
  });

  it('with dropped deliveries converges after the hourly reconciliation', async () => {
    const w = await createWorld();
    w.platform.setFaults({ seed: 9, dropEvents: 0.3, duplicateEvents: 0.3, jira429: 0.1, b24RateLimit: 0.1 });
    await storm(w);
    await editEverywhere(w);
    await w.settle();
    w.platform.setFaults({});
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();
    await expectConverged(w);
  });
});
