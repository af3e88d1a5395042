/**
 * The initial migration on the local platform: tasks and issues that existed before the app was connected end up
 * paired one to one, a second run creates nothing, and progress is recorded page by page.
 */
import { migrationStatus, startMigration } from '../../src/app/migration/start';
import { reconcileFromNow } from '../../src/app/reconcile/after-migration';
import { runMigrationPage } from '../../src/app/migration/page';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';

const linkCount = (w: World): number => w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;

async function preexisting(w: World, tasks: number, issues: number): Promise<void> {
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < tasks; i += 1) await a.createTask(PEOPLE.ben.b24, { TITLE: `Existing task ${i}` });
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < issues; i += 1) await a.createIssue(PEOPLE.dmitri.email, { summary: `Existing issue ${i}` });
  });
  // The people's own calls drained the portal's request bucket.
  w.clock.advance(120_000);
}

/** Titles on both sides (one page each is enough for these small worlds): no duplicate may appear. */
async function titles(w: World): Promise<{ tasks: string[]; issues: string[] }> {
  const a = actions(w);
  const tasks = (await a.tasksInGroup()).map((t) => t.title).sort();
  const issues = (await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = DEMO',
    fields: ['summary'],
  })) as { issues: { fields: { summary: string } }[] };
  return { tasks, issues: issues.issues.map((i) => i.fields.summary).sort() };
}

describe('initial migration', () => {
  it('pairs every pre-existing task and issue exactly once, and reports progress as done with the counts', async () => {
    const w = await createWorld();
    await preexisting(w, 7, 4);
    expect(linkCount(w)).toBe(0);

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(linkCount(w)).toBe(11);
    const both = await titles(w);
    expect(both.tasks).toHaveLength(11);
    expect(new Set(both.tasks).size).toBe(11);
    expect(both.issues).toEqual(both.tasks);
    const progress = await inApp(w, (deps) => migrationStatus(deps, 'DEMO'));
    // Each side lists only what existed before the run: the entities the other side created are never listed.
    expect(progress).toMatchObject({
      state: 'done',
      enqueued: 11,
      jira: { listed: 4, alreadyLinked: 0, done: true },
      b24: { listed: 7, alreadyLinked: 0, done: true },
    });
  });

  it('run a second time lists both sides and writes nothing', async () => {
    const w = await createWorld();
    await preexisting(w, 3, 2);
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();
    w.platform.resetStats();

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    // Only reads: a Bitrix24 batch counts as a write in the stats, so its commands are checked instead.
    expect(w.platform.stats().jira.writes).toBe(0);
    expect(Object.keys(w.platform.stats().b24.batchCommands)).toEqual(['tasks.task.list']);
    expect(w.platform.stats().b24.writes).toBe(0);
    expect(linkCount(w)).toBe(5);
    expect(await inApp(w, (deps) => migrationStatus(deps, 'DEMO'))).toMatchObject({ state: 'done', enqueued: 0 });
  });

  it('spans bulk creates of 50 and a redelivered page changes neither the pairs nor the counts', async () => {
    const w = await createWorld();
    await preexisting(w, 60, 0);
    const started = await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();
    expect(w.platform.stats().jira.byEndpoint['POST /rest/api/3/issue/bulk']).toBe(2);
    const firstPage = {
      kind: 'migration-page' as const,
      projectKey: 'DEMO',
      runId: started.runId,
      side: 'b24' as const,
      cursor: null,
      page: 0,
    };

    const again = await inApp(w, (deps) => runMigrationPage(deps, firstPage, reconcileFromNow));
    await w.settle();

    expect(again).toEqual({ kind: 'dropped', reason: 'not the running migration' });
    expect(linkCount(w)).toBe(60);
    expect(await inApp(w, (deps) => migrationStatus(deps, 'DEMO'))).toMatchObject({
      state: 'done',
      b24: { listed: 60, page: 1 },
      enqueued: 60,
    });
  });

  it("while running, a page from the future or of the other side's turn waits for its predecessor and an old page is dropped", async () => {
    const w = await createWorld();
    await preexisting(w, 0, 2);
    const started = await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    const page = (n: number, side: 'jira' | 'b24' = 'jira') => ({
      kind: 'migration-page' as const,
      projectKey: 'DEMO',
      runId: started.runId,
      side,
      cursor: null,
      page: n,
    });

    expect(await inApp(w, (deps) => runMigrationPage(deps, page(1), reconcileFromNow))).toMatchObject({ kind: 'wait' });
    // Jira's first page comes first: Bitrix24's waits for it.
    expect(await inApp(w, (deps) => runMigrationPage(deps, page(0, 'b24'), reconcileFromNow))).toMatchObject({
      kind: 'wait',
    });
    expect(await inApp(w, (deps) => runMigrationPage(deps, page(0), reconcileFromNow))).toMatchObject({
      kind: 'recorded',
      listed: 2,
      enqueued: 2,
    });
    expect(await inApp(w, (deps) => runMigrationPage(deps, page(0), reconcileFromNow))).toMatchObject({
      kind: 'dropped',
    });
    expect(await inApp(w, (deps) => startMigration(deps, 'DEMO'))).toMatchObject({
      runId: started.runId,
      state: 'running',
    });
  });

  it('refuses to start for a project that is not paired', async () => {
    const w = await createWorld();
    await expect(inApp(w, (deps) => startMigration(deps, 'NOPE'))).rejects.toThrow('not paired');
  });
});
