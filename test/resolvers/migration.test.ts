/**
 * The Migration tab's backend on the local platform: only project administrators may start or watch the initial
 * migration; a start reports a running migration, the queued pages pair the tasks the app never heard of, and a
 * second start after it finished pairs nothing new.
 */
import { keys } from '../../src/app/store/keys';
import { createResolverWorld, type ResolverWorld } from './world';

const linkCount = (world: ResolverWorld): number =>
  world.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;

/** Tasks created while every Bitrix24 delivery is lost: the app never hears of them, only a migration pairs them. */
async function unheardTasks(world: ResolverWorld, titles: string[]): Promise<void> {
  world.platform.setFaults({ seed: 7, dropEvents: 1 });
  for (const TITLE of titles)
    await world.b24('tasks.task.add', { fields: { TITLE, GROUP_ID: '1', RESPONSIBLE_ID: '1' } });
  await world.platform.settle();
  world.platform.setFaults({});
  // Those calls drained the portal's request bucket.
  world.clock.advance(120_000);
}

describe('the migration resolvers', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it('are refused to a person who may only browse the project, and nothing starts', async () => {
    const refusal = 'Only administrators of this project may view or change its Bitrix24 sync settings.';
    expect(await world.settings('dmitri', 'startMigration')).toEqual({
      error: refusal,
      code: 'refused.ADMINISTER_PROJECTS',
    });
    expect(await world.settings('dmitri', 'getMigration')).toEqual({
      error: refusal,
      code: 'refused.ADMINISTER_PROJECTS',
    });
    expect(await world.settings('olga', 'startMigration')).toEqual({
      error: refusal,
      code: 'refused.ADMINISTER_PROJECTS',
    });
    expect(world.platform.kvs.peek(keys.migration('DEMO'))).toBeUndefined();
  });

  it('report no progress before the first run', async () => {
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      progress: null,
      canStart: true,
      stalled: false,
      canPause: false,
      canResume: false,
      canCancel: false,
      dryRun: null,
    });
  });

  it('start a running migration whose pages pair the unheard-of tasks, then report it done with the counts', async () => {
    await unheardTasks(world, ['Old task A', 'Old task B', 'Old task C']);
    const before = linkCount(world);

    const started = await world.settings('ben', 'startMigration');
    expect(started).toMatchObject({
      canStart: false,
      progress: { state: 'running', enqueued: 0, b24: { listed: 0, done: false } },
    });
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      canStart: false,
      progress: { state: 'running' },
    });

    await world.platform.settle();

    const done = await world.settings('ben', 'getMigration');
    expect(done).toMatchObject({
      canStart: true,
      progress: { state: 'done', b24: { done: true }, jira: { done: true }, enqueued: 3 },
    });
    const progress = (done as { progress: { b24: { listed: number }; finishedAt?: number } }).progress;
    expect(progress.b24.listed).toBeGreaterThanOrEqual(3);
    expect(progress.finishedAt).toEqual(expect.any(Number));
    expect(linkCount(world)).toBe(before + 3);
  });

  it('started again after it finished, pairs nothing new and enqueues nothing', async () => {
    await unheardTasks(world, ['Old task A', 'Old task B']);
    await world.settings('ben', 'startMigration');
    await world.platform.settle();
    const pairs = linkCount(world);

    const again = await world.settings('ben', 'startMigration');
    expect(again).toMatchObject({ progress: { state: 'running' } });
    await world.platform.settle();

    expect(await world.settings('ben', 'getMigration')).toMatchObject({ progress: { state: 'done', enqueued: 0 } });
    expect(linkCount(world)).toBe(pairs);
  });

  it('started twice while running, returns the same run instead of a second chain', async () => {
    const first = (await world.settings('ben', 'startMigration')) as { progress: { runId: string } };
    const second = (await world.settings('ben', 'startMigration')) as { progress: { runId: string } };
    expect(second.progress.runId).toBe(first.progress.runId);
  });

  it('offer Start again for a run whose record stopped moving half an hour ago (a lost page job)', async () => {
    await world.settings('ben', 'startMigration');
    const record = world.platform.kvs.peek(keys.migration('DEMO')) as { updatedAt: number };
    // The app stamps the record with the platform's clock, so moving that clock ages it.
    expect(record.updatedAt).toBe(world.clock.now());
    world.clock.advance(31 * 60_000);
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      canStart: true,
      stalled: true,
      progress: { state: 'running' },
    });
  });

  it('refuses to start for a project that is not paired, saying where to pair it', async () => {
    world.platform.kvs.remove('plain', keys.projectConfig('DEMO'));
    const reply = await world.settings('ben', 'startMigration');
    expect(reply).toEqual({
      error: expect.stringMatching(/not paired with a Bitrix24 workgroup.*Mapping tab/),
      code: 'migration.notPaired',
      params: {},
    });
  });
});
