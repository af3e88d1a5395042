/**
 * Run control on the local platform: a paused run starts no new page and keeps its
 * checkpoint, Resume and a second Start after Cancel each end in the pairs an uninterrupted run makes — every task
 * and issue paired once, no duplicate — and a fault that aborts a page after its writes resumes from the last
 * recorded page. The run goes Jira page, Bitrix24 page, …; these tests hold it after the first (Jira) page.
 */
import { RetryableError } from '../../src/core/errors';
import { MigrationProgressStore, type MigrationProgress } from '../../src/app/store/migration-progress';
import { holdMigration, migrationStatus, resumeMigration, startMigration } from '../../src/app/migration/start';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';

const TASKS = 55;
const ISSUES = 6;

const linkCount = (w: World): number => w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
const status = (w: World): Promise<MigrationProgress | null> => inApp(w, (deps) => migrationStatus(deps, 'DEMO'));

async function unheard(): Promise<World> {
  const w = await createWorld();
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < TASKS; i += 1) {
      await a.createTask(PEOPLE.ben.b24, { TITLE: `Old task ${i}` });
      if (i % 40 === 39) w.clock.advance(30_000);
    }
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < ISSUES; i += 1) await a.createIssue(PEOPLE.dmitri.email, { summary: `Old issue ${i}` });
  });
  w.clock.advance(120_000);
  return w;
}

/** Every task of the paired workgroup, all pages. */
async function allTasks(w: World): Promise<{ id: string; title: string }[]> {
  const tasks: { id: string; title: string }[] = [];
  for (let start = 0; ; start += 50) {
    const page = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', {
      filter: { GROUP_ID: '1' },
      select: ['ID', 'TITLE'],
      start,
    })) as { tasks: { id: string; title: string }[] };
    tasks.push(...page.tasks);
    if (page.tasks.length < 50) return tasks;
  }
}

/** What an uninterrupted run leaves: every entity of both sides paired once with its twin of the same title. */
async function expectCompletePairs(w: World): Promise<void> {
  const tasks = (await allTasks(w)).map((t) => t.title).sort();
  const found = (await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = DEMO',
    fields: ['summary'],
    maxResults: 100,
  })) as { issues: { fields: { summary: string } }[] };
  const issues = found.issues.map((i) => i.fields.summary).sort();
  expect(tasks).toHaveLength(TASKS + ISSUES);
  expect(new Set(tasks).size).toBe(TASKS + ISSUES);
  expect(issues).toEqual(tasks);
  expect(linkCount(w)).toBe(TASKS + ISSUES);
}

/** Runs the platform one job at a time until the migration has recorded `pages` pages of issues. */
async function runUntilPage(w: World, pages: number): Promise<void> {
  for (let step = 0; step < 500 && ((await status(w))?.jira.page ?? 0) < pages; step += 1)
    await w.platform.settle({ maxSteps: 1 });
  expect((await status(w))?.jira.page).toBe(pages);
}

describe('migration run control', () => {
  it('pause keeps the checkpoint and starts no page; changes made meanwhile sync; resume ends in the complete pairs', async () => {
    const w = await unheard();
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await runUntilPage(w, 1);

    expect(await inApp(w, (deps) => holdMigration(deps, 'DEMO', 'pause'))).toMatchObject({ state: 'paused' });
    await w.settle();

    const paused = await status(w);
    expect(paused).toMatchObject({
      state: 'paused',
      jira: { page: 1, listed: ISSUES, done: true },
      b24: { page: 0, listed: 0 },
    });
    // The first page paired its issues; no task of the workgroup was touched.
    expect(linkCount(w)).toBe(ISSUES);
    const pairedTask = (await allTasks(w)).find((t) => t.title === 'Old issue 0');
    await w.b24(PEOPLE.anna.b24, 'tasks.task.update', {
      taskId: pairedTask?.id,
      fields: { TITLE: 'Old issue 0, renamed' },
    });
    await w.settle();
    expect((await actions(w).issueOfTask(String(pairedTask?.id))).fields.summary).toBe('Old issue 0, renamed');

    await inApp(w, (deps) => resumeMigration(deps, 'DEMO'));
    await w.settle();

    expect(await status(w)).toMatchObject({ state: 'done', b24: { listed: TASKS } });
    // The renamed pair stays one pair; the rest are made once each.
    await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId: pairedTask?.id, fields: { TITLE: 'Old issue 0' } });
    await w.settle();
    await expectCompletePairs(w);
  }, 120_000);

  it('cancel stops the run with what it paired kept; started again, it pairs the rest and creates no duplicate', async () => {
    const w = await unheard();
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await runUntilPage(w, 1);

    expect(await inApp(w, (deps) => holdMigration(deps, 'DEMO', 'cancel'))).toMatchObject({ state: 'cancelled' });
    await w.settle();
    expect(await status(w)).toMatchObject({ state: 'cancelled', jira: { page: 1 }, b24: { page: 0 } });
    expect(linkCount(w)).toBe(ISSUES);
    expect(await inApp(w, (deps) => resumeMigration(deps, 'DEMO'))).toBeNull();

    w.clock.advance(60_000);
    const again = await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    expect(again).toMatchObject({ state: 'running', jira: { page: 0, listed: 0 }, b24: { page: 0, listed: 0 } });
    await w.settle();

    // The second run lists the first run's tasks too (its own bound is not known until it creates): already paired.
    expect(await status(w)).toMatchObject({
      state: 'done',
      jira: { listed: ISSUES, alreadyLinked: ISSUES },
      b24: { listed: TASKS + ISSUES, alreadyLinked: ISSUES },
      enqueued: TASKS,
    });
    await expectCompletePairs(w);
  }, 120_000);

  it('a fault that aborts a page after it queued its jobs and the next page re-runs that page from the checkpoint', async () => {
    const w = await unheard();
    const save = MigrationProgressStore.prototype.save;
    let aborted = 0;
    const spy = jest.spyOn(MigrationProgressStore.prototype, 'save').mockImplementation(async function (
      this: MigrationProgressStore,
      key,
      progress,
    ) {
      // The record of the first page: by now its pairs are made and the next (Bitrix24) page is on the queue.
      if (aborted === 0 && progress.jira.page === 1) {
        aborted += 1;
        throw new RetryableError('server-error', 'the function stopped mid-page', { code: 'test:abort' });
      }
      return save.call(this, key, progress);
    });
    try {
      await inApp(w, (deps) => startMigration(deps, 'DEMO'));
      await w.settle();
    } finally {
      spy.mockRestore();
    }

    expect(aborted).toBe(1);
    // The page was listed twice (the retry) and counted once.
    const done = await status(w);
    expect(done).toMatchObject({ state: 'done', jira: { listed: ISSUES, page: 1 }, b24: { listed: TASKS, page: 1 } });
    // One journal entry per recorded page: the aborted attempt recorded nothing.
    const pages = actions(w)
      .journal()
      .filter((e) => e.operation === 'migration-page');
    expect(pages).toHaveLength((done?.b24.page ?? 0) + (done?.jira.page ?? 0));
    await expectCompletePairs(w);
  }, 120_000);

  it('pause and cancel refuse when there is no run to hold, and resume when nothing is paused', async () => {
    const w = await createWorld();
    expect(await inApp(w, (deps) => holdMigration(deps, 'DEMO', 'pause'))).toBeNull();
    expect(await inApp(w, (deps) => holdMigration(deps, 'DEMO', 'cancel'))).toBeNull();
    expect(await inApp(w, (deps) => resumeMigration(deps, 'DEMO'))).toBeNull();
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();
    expect(await inApp(w, (deps) => holdMigration(deps, 'DEMO', 'pause'))).toBeNull();
  });
});
