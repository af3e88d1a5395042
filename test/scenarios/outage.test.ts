/**
 * Retries back off exponentially over hours (Retry-After honoured), so an
 * hour-long Bitrix24 outage loses nothing: once it is back, everything written in Jira meanwhile reaches Bitrix24
 * exactly once, with nobody clicking anything. Work that outlived even the retry budget is queued again by the
 * hourly reconciliation.
 */
import type { HttpService } from '../../src/local/contracts';
import { actions, adfText, attachInJira, createWorld, fileOf, pairedTask, PEOPLE, type World } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Bitrix24 answers every call of the app with 503 until `restore()`. */
function bitrix24Down(w: World): { restore: () => void; refused: () => number } {
  let refused = 0;
  const down: HttpService = {
    handle: () => {
      refused += 1;
      return Promise.resolve(
        new Response(JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Service unavailable' }), {
          status: 503,
        }),
      );
    },
  };
  w.platform.runtime.registerService(w.platform.b24.domain, down);
  return {
    restore: () => w.platform.runtime.registerService(w.platform.b24.domain, w.platform.b24),
    refused: () => refused,
  };
}

async function passTime(w: World, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 10 * MINUTE)
    await w.platform.settle({ advanceMs: Math.min(left, 10 * MINUTE) });
}

interface B24Comment {
  POST_MESSAGE: string;
}
const b24Comments = async (w: World, taskId: string): Promise<B24Comment[]> =>
  (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as B24Comment[];

describe('an hour-long Bitrix24 outage', () => {
  it('then recovery: everything written in Jira meanwhile reaches Bitrix24 exactly once, with no click', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const a = actions(w);
    const outage = bitrix24Down(w);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: 'Renamed during the outage' },
    });
    await passTime(w, 10 * MINUTE);
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Written while Bitrix24 was down'),
    });
    await attachInJira(w, PEOPLE.chloe.email, issueId, 'during-outage.pdf', fileOf(2048));
    await passTime(w, 10 * MINUTE);
    await a.transitionIssue(PEOPLE.chloe.email, issueId, 'In Progress');
    const created = await a.createIssue(PEOPLE.dmitri.email, { summary: 'Created during the outage' });
    await passTime(w, 40 * MINUTE);
    expect(outage.refused()).toBeGreaterThan(10);
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);

    outage.restore();
    await passTime(w, 30 * MINUTE);
    await w.settle();
    const task = await a.b24Task(taskId);
    expect(task.title).toBe('Renamed during the outage');
    expect(task.status).toBe('3');
    const comments = await b24Comments(w, taskId);
    expect(comments.filter((c) => c.POST_MESSAGE.includes('Written while Bitrix24 was down'))).toHaveLength(1);
    const files = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['UF_TASK_WEBDAV_FILES'] })) as {
      task: { ufTaskWebdavFiles?: unknown[] };
    };
    expect(files.task.ufTaskWebdavFiles ?? []).toHaveLength(1);
    const tasks = await a.tasksInGroup();
    expect(tasks.filter((t) => t.title === 'Created during the outage')).toHaveLength(1);
    expect(a.linkOfIssue(created.id)).toBeDefined();
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });
});

describe('a job that outlives its retry budget', () => {
  it('is journalled, then queued again by reconciliation once Bitrix24 is back, and posts its comment once', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const a = actions(w);
    const outage = bitrix24Down(w);
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Outlived the retries'),
    });
    await passTime(w, 8 * HOUR);
    expect(a.journal().filter((e) => e.outcome === 'failed' && e.operation === 'jira-comment')).toHaveLength(1);
    expect(await b24Comments(w, taskId)).toHaveLength(0);

    outage.restore();
    await passTime(w, 2 * HOUR);
    await w.settle();
    expect((await b24Comments(w, taskId)).filter((c) => c.POST_MESSAGE.includes('Outlived the retries'))).toHaveLength(
      1,
    );
  });
});
