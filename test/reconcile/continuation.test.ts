/**
 * A reconciliation that spans invocations: its continuation event carries a position only (Forge caps an event for
 * a 900 s consumer at 100 KB), what it has seen waits in KVS, and a continuation whose run is over is dropped.
 */
import type { AppDeps } from '../../src/app/deps';
import { reconcilePageJobSchema, type ReconcilePageJob } from '../../src/app/reconcile/jobs';
import { PENDING_STALE_MS } from '../../src/app/reconcile/cursor-store';
import { continueReconcile, reconcileProject } from '../../src/app/reconcile/reconcile';
import { keys } from '../../src/app/store/keys';
import type { JobBody } from '../../src/ports/queue';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { inApp, withB24EventsLost } from './in-app';

const LOST = 55;

async function worldWithLostTasks(): Promise<World> {
  const w = await createWorld();
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < LOST; i += 1) await a.createTask(PEOPLE.ben.b24, { TITLE: `Lost #${i}` });
  });
  // People's calls drained the portal's request bucket; give it a minute to refill.
  w.clock.advance(60_000);
  return w;
}

/** Continuations are kept here instead of being delivered, so the test runs each one itself. */
function holdingContinuations(deps: AppDeps, held: ReconcilePageJob[]): AppDeps {
  const push = (jobs: JobBody[]): Promise<void> =>
    Promise.resolve(void held.push(...jobs.map((j) => reconcilePageJobSchema.parse(j))));
  return { ...deps, migrationQueue: { push } };
}

const storedCursor = (w: World) =>
  w.platform.kvs.peek(keys.reconcileCursor('DEMO')) as {
    previous: { b24: Record<string, string> };
    pendingSince?: number;
  };

describe('a reconciliation continued on the migration queue', () => {
  it('carries only its position in the event; the versions it saw wait in KVS and reach the cursor when it completes', async () => {
    const w = await worldWithLostTasks();
    const held: ReconcilePageJob[] = [];

    expect((await inApp(w, (deps) => reconcileProject(holdingContinuations(deps, held), 'DEMO', 1))).status).toBe(
      'continued',
    );
    const [job] = held.splice(0);
    if (!job) throw new Error('no continuation pushed');
    expect(Object.keys(job.scan).sort()).toEqual(['b24', 'continued', 'jira', 'since', 'startedAt']);
    expect(
      Object.keys((w.platform.kvs.peek(keys.reconcileRun('DEMO')) as { seen: { b24: object } }).seen.b24),
    ).toHaveLength(50);

    expect((await inApp(w, (deps) => continueReconcile(holdingContinuations(deps, held), job))).status).toBe(
      'complete',
    );
    // All 55 tasks are remembered: the 50 of the first invocation came back from KVS, not from the event.
    expect(Object.keys(storedCursor(w).previous.b24)).toHaveLength(LOST);
    expect(storedCursor(w)).not.toHaveProperty('pendingSince');
    expect(w.platform.kvs.peek(keys.reconcileRun('DEMO'))).toBeUndefined();
  });

  it('drops a continuation whose run went stale and was replaced by a newer one, which completes on its own', async () => {
    const w = await worldWithLostTasks();
    const held: ReconcilePageJob[] = [];
    await inApp(w, (deps) => reconcileProject(holdingContinuations(deps, held), 'DEMO', 1));
    // The first run is presumed lost once it has been pending this long.
    w.clock.advance(PENDING_STALE_MS + 1);
    expect((await inApp(w, (deps) => reconcileProject(holdingContinuations(deps, held), 'DEMO', 1))).status).toBe(
      'continued',
    );
    const [stale, current] = held.splice(0);
    if (!stale || !current) throw new Error('expected two continuations');

    expect(await inApp(w, (deps) => continueReconcile(holdingContinuations(deps, held), stale))).toMatchObject({
      status: 'skipped',
    });
    expect(held).toEqual([]);
    expect((await inApp(w, (deps) => continueReconcile(holdingContinuations(deps, held), current))).status).toBe(
      'complete',
    );
    // A late duplicate of a completed run's continuation changes nothing either.
    expect(await inApp(w, (deps) => continueReconcile(holdingContinuations(deps, held), current))).toMatchObject({
      status: 'skipped',
    });
    expect(Object.keys(storedCursor(w).previous.b24)).toHaveLength(LOST);
  });
});
