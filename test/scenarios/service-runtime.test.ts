/**
 * The same checks on both runtimes the sandbox offers: the Forge app (a cloud portal, online events) and the
 * self-hosted service (an on-premise portal on its own domain, offline events drained on the service's schedule,
 * Jira through an API token and signed admin webhooks). Loop prevention, a conflict, comments both ways, a forged
 * Bitrix24 event and a rate-limited portal; the forged Jira webhook is the service's alone (Forge's product
 * events are not webhooks anyone can post).
 */
import { createHmac } from 'node:crypto';
import { ON_PREMISE_PORTAL } from '../../src/local/service-runtime/seed';
import { PEOPLE, adfText, concurrentTitleEdits } from './harness';
import { createRuntimeWorld, RUNTIMES, type RuntimeWorld } from './runtimes';

async function paired(w: RuntimeWorld): Promise<{ taskId: string; issueId: string }> {
  const added = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
    fields: { TITLE: 'Shared work', GROUP_ID: '1', RESPONSIBLE_ID: PEOPLE.chloe.b24 },
  })) as { task: { id: string } };
  await w.settle();
  const link = (await w.stored(`link:b24:${added.task.id}`)) as { issueId: string } | undefined;
  if (!link) throw new Error(`task ${added.task.id} was not paired on ${w.runtime}`);
  return { taskId: added.task.id, issueId: link.issueId };
}

const taskTitle = async (w: RuntimeWorld, taskId: string): Promise<string> =>
  ((await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['TITLE'] })) as { task: { title: string } }).task
    .title;

const summary = async (w: RuntimeWorld, issueId: string): Promise<string> =>
  ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}`)) as { fields: { summary: string } }).fields
    .summary;

describe.each(RUNTIMES)('on the %s runtime', (runtime) => {
  it('a Bitrix24 edit reaches Jira once and is not written back (no echo)', async () => {
    const w = await createRuntimeWorld(runtime);
    const { taskId, issueId } = await paired(w);
    w.platform.resetStats();
    w.clock.advance(1000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed in Bitrix24' } });
    await w.settle();
    expect(await summary(w, issueId)).toBe('Renamed in Bitrix24');
    const after = w.platform.stats();
    expect(after.jira.byEndpoint['PUT /rest/api/3/issue/{id}']).toBe(1);
    expect(after.b24.byMethod['tasks.task.update']).toBeUndefined();
    // An hour on, the schedules (drain, watch, reconcile) have run and still nothing was written.
    w.platform.resetStats();
    await w.platform.settle({ advanceMs: 3_600_000 });
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(w.platform.stats().b24.byMethod['tasks.task.update']).toBeUndefined();
  });

  it('the same field changed on both sides: the later change wins on both and the conflict is journalled', async () => {
    const w = await createRuntimeWorld(runtime);
    const pair = await paired(w);
    await concurrentTitleEdits(w, pair);
    expect([await taskTitle(w, pair.taskId), await summary(w, pair.issueId)]).toEqual([
      'Later, from Jira',
      'Later, from Jira',
    ]);
    const conflict = (await w.journal()).find((e) => e.outcome === 'conflict');
    expect(conflict?.message).toContain('Conflict on title');
    expect(conflict?.message).toContain('Jira wins');
  });

  it('comments travel both ways, once each', async () => {
    const w = await createRuntimeWorld(runtime);
    const { taskId, issueId } = await paired(w);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'From Bitrix24' }]);
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('From Jira'),
    });
    await w.settle();
    await w.platform.settle({ advanceMs: 600_000 });
    const inJira = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as {
      comments: { body: unknown }[];
    };
    const inB24 = (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as {
      POST_MESSAGE: string;
    }[];
    expect(inJira.comments.map((c) => JSON.stringify(c.body)).filter((b) => b.includes('From Bitrix24'))).toHaveLength(
      1,
    );
    expect(inB24.filter((c) => c.POST_MESSAGE.includes('From Jira'))).toHaveLength(1);
  });

  it('refuses a Bitrix24 event with a forged application token, and queues nothing', async () => {
    const w = await createRuntimeWorld(runtime);
    const { taskId, issueId } = await paired(w);
    const seed = w.platform.seed.b24;
    const forged = new URLSearchParams({
      event: 'ONTASKUPDATE',
      'data[FIELDS_BEFORE][ID]': taskId,
      'data[FIELDS_AFTER][ID]': taskId,
      ts: String(Math.floor(w.clock.now() / 1000)),
      'auth[domain]': seed.domain,
      'auth[member_id]': seed.memberId,
      'auth[application_token]': 'forged-token-0000000000000000000',
    }).toString();
    const reply = await w.platform.webtrigger(
      'b24-events',
      new Request('https://attacker.example/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: forged,
      }),
    );
    expect(reply.status).toBe(401);
    const report = await w.platform.settle();
    expect(report.jobsRun).toBe(0);
    expect(await w.stored(`link:b24:${taskId}`)).toMatchObject({ issueId });
  });

  it('waits out a portal answering 429 and still syncs every change', async () => {
    const w = await createRuntimeWorld(runtime);
    w.platform.setFaults({ seed: 11, b24RateLimit: 0.4 });
    const added = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
      fields: { TITLE: 'Shared work', GROUP_ID: '1', RESPONSIBLE_ID: PEOPLE.chloe.b24 },
    })) as { task: { id: string } };
    // Each runtime backs off as its queue does (Forge's retry delays, the service's job engine): half an hour covers both.
    await w.platform.settle({ advanceMs: 1_800_000 });
    w.platform.setFaults({});
    await w.settle();
    const { issueId } = (await w.stored(`link:b24:${added.task.id}`)) as { issueId: string };
    expect(await summary(w, issueId)).toBe('Shared work');
    expect((await w.journal()).filter((e) => e.outcome === 'failed')).toEqual([]);
  });
});

describe('the service runtime', () => {
  it('runs against an on-premise portal on its own domain, with offline events bound and no event URL', async () => {
    const w = await createRuntimeWorld('service');
    expect(w.platform.info()).toMatchObject({ runtime: 'service', b24: { portal: ON_PREMISE_PORTAL } });
    const bound = w.platform.b24.snapshot().handlers.filter((h) => h.kind === 'app');
    expect(bound.length).toBeGreaterThan(0);
    expect(bound.every((h) => h.offline && h.handler === '')).toBe(true);
    // A change waits in the portal's queue until the service's schedule reads it.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.add', { fields: { TITLE: 'Queued', GROUP_ID: '1', RESPONSIBLE_ID: '3' } });
    expect(w.platform.b24.snapshot().offline.all()).toHaveLength(1);
    await w.settle();
    expect(w.platform.b24.snapshot().offline.all()).toHaveLength(0);
  });

  it('refuses a Jira webhook whose signature does not match its body, and queues nothing', async () => {
    const w = await createRuntimeWorld('service');
    const { issueId } = await paired(w);
    const body = JSON.stringify({
      webhookEvent: 'jira:issue_deleted',
      timestamp: w.clock.now(),
      user: { accountId: PEOPLE.erin.accountId },
      issue: { id: issueId, key: 'DEMO-1', fields: { project: { key: 'DEMO' } } },
    });
    const signed = (secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const reply = await w.platform.webtrigger(
      'jira-webhook',
      new Request('https://attacker.example/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature': signed('a guessed secret') },
        body,
      }),
    );
    expect(reply.status).toBe(401);
    expect(await reply.json()).toEqual({ error: 'Unauthorized: X-Hub-Signature does not match the body' });
    expect((await w.platform.settle()).jobsRun).toBe(0);
    expect(await summary(w, issueId)).toBe('Shared work');
  });
});
