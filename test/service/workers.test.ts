/** The workers run each delivery as the Forge consumer would and hand the engine a verdict it can act on. */
import { SERVICE_PORTAL_POLICY } from '../../src/ports/portal';
import { offlineTick, runJob } from '../../src/service/app-calls';
import { startWork } from '../../src/service/service';
import { createWorld, PORTAL } from './world';

const settle = async (world: ReturnType<typeof createWorld>): Promise<void> => {
  for (let i = 0; i < 200; i += 1) {
    const stats = await world.jobs.stats();
    if (stats.every((s) => s.queued === 0 && s.active === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the queue did not settle');
};

describe('the service workers', () => {
  it('dead-letter a body that is not a job, with the reason, instead of dropping it', async () => {
    const world = createWorld();
    await startWork(world.jobs, world.app, world.metrics);
    await world.jobs.queue('sync').push([{ kind: 'no-such-job' }]);
    await world.jobs.queue('migration').push([{ kind: 'migration-page' }]);
    await settle(world);
    const dead = await world.jobs.deadLetters(10);
    expect(dead.map((d) => [d.queue, d.reason.split(':')[0]]).sort()).toEqual([
      ['migration', 'malformed migration job'],
      ['sync', 'malformed sync job'],
    ]);
    const text = await world.metrics.registry.metrics();
    expect(text).toContain('b24sync_jobs_total{queue="sync",outcome="dead"} 1');
    expect(text).toContain('b24sync_jobs_total{queue="migration",outcome="dead"} 1');
  });

  it('dead-letter a job that failed for good (no portal connected), with the sentence the journal keeps', async () => {
    const world = createWorld();
    const verdict = await runJob(
      'sync',
      { id: 'j1', queue: 'sync', body: { kind: 'task-changed', taskId: '42' }, attempt: 0 },
      world.app.deps(),
    );
    expect(verdict).toEqual({ kind: 'dead', reason: 'Bitrix24 is not connected (no credentials stored)' });
  });

  it('retry a rate-limited job no sooner than the retry policy allows', async () => {
    const limited = (() =>
      Promise.resolve(
        Response.json({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }, { status: 503 }),
      )) as unknown as typeof fetch;
    const world = createWorld({ fetch: limited });
    await world.connectPortal();
    await world.storage.secrets.set('b24-credentials', {
      mode: 'webhook',
      webhookUrl: `https://${PORTAL.domain}/rest/1/abcdef123456/`,
    });
    const verdict = await runJob(
      'sync',
      { id: 'j2', queue: 'sync', body: { kind: 'task-changed', taskId: '42' }, attempt: 0 },
      world.app.deps(),
    );
    expect(verdict.kind).toBe('retry');
    expect(verdict.kind === 'retry' ? verdict.afterSeconds : 0).toBeGreaterThanOrEqual(30);
  });
});

describe('the service platform', () => {
  it('reaches any portal address and offers offline events, which its schedule drains', () => {
    expect(createWorld().app.deps().portalPolicy).toEqual(SERVICE_PORTAL_POLICY);
  });

  it('drains offline events only for a connection that chose them: no REST call otherwise', async () => {
    const calls: string[] = [];
    const world = createWorld({
      fetch: ((url: string) => {
        calls.push(url);
        return Promise.resolve(Response.json({ result: {} }));
      }) as unknown as typeof fetch,
    });
    await world.connectPortal();
    await offlineTick(world.app.deps());
    expect(calls).toEqual([]);
  });
});
