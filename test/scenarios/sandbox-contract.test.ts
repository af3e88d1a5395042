/**
 * The sandbox's contract for driving time and faults, through its own routes: a plain settle waits only for work due
 * within 5 minutes; `advanceMs` runs everything due up to then, scheduled triggers included; `info` gives the
 * portal's member id; a fault plan stays in force until replaced, and `refusedWrites` answers the app's writes 400.
 */
import type { HttpService } from '../../src/local/contracts';
import { routeSandbox } from '../../src/local/sandbox/routes';
import { actions, adfText, createWorld, pairedTask, PEOPLE, type World } from './harness';

const post = (w: World, path: string, body?: unknown): Promise<Response> =>
  routeSandbox(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    w.platform,
  );

describe('the sandbox routes', () => {
  it('GET /__sandbox/info gives the portal member id', async () => {
    const w = await createWorld();
    const info = (await (await routeSandbox(new Request('http://localhost/__sandbox/info'), w.platform)).json()) as {
      b24: { memberId: string };
    };
    expect(info.b24.memberId).toBe(w.platform.seed.b24.memberId);
  });

  it('a plain settle leaves a retry backing off past 5 minutes pending; advanceMs runs it and the hourly trigger', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const down: HttpService = {
      handle: () => Promise.resolve(new Response(JSON.stringify({ error: 'INTERNAL_SERVER_ERROR' }), { status: 503 })),
    };
    w.platform.runtime.registerService(w.platform.b24.domain, down);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { summary: 'Waits for Bitrix24' },
    });
    const plain = (await (await post(w, '/__sandbox/settle')).json()) as { idle: boolean; advancedMs: number };
    expect(plain.idle).toBe(false);
    expect(plain.advancedMs).toBeLessThanOrEqual(5 * 60_000);

    w.platform.runtime.registerService(w.platform.b24.domain, w.platform.b24);
    const before = w.clock.now();
    const hour = (await (await post(w, '/__sandbox/settle', { advanceMs: 3_600_000 })).json()) as { idle: boolean };
    expect(hour.idle).toBe(true);
    expect(w.clock.now() - before).toBe(3_600_000);
    expect((await actions(w).b24Task(taskId)).title).toBe('Waits for Bitrix24');
    // The hourly reconciliation ran inside the hour: its cursor is stored.
    expect(w.platform.kvs.peek('reconcile:DEMO')).toBeDefined();
    expect((await post(w, '/__sandbox/settle', { advanceMs: -1 })).status).toBe(400);
  });

  it("refusedWrites answers the app's writes with 400 until the plan is replaced; the journal names the refused field", async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    expect((await post(w, '/__sandbox/faults', { seed: 1, refusedWrites: 1 })).status).toBe(200);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Refused once' } });
    await w.settle();
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Refused twice' } });
    await w.settle();
    const a = actions(w);
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    expect(a.journal().filter((e) => (e as { refused?: string[] }).refused?.includes('title'))).toHaveLength(2);
    expect((await post(w, '/__sandbox/faults', {})).status).toBe(200);
    await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, { body: adfText('now it flows') });
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Accepted' } });
    await w.settle();
    expect((await a.b24Task(taskId)).title).toBe('Accepted');
  });
});
