/**
 * The Migration tab's new calls on the local platform, invoked as the bridge would: the dry run, Pause, Resume and
 * Cancel need the same permission as Start (project administrator), checked on the server for each call, and a
 * refused call changes nothing. A project administrator drives a run through every state.
 */
import { keys } from '../../src/app/store/keys';
import { createResolverWorld, type ResolverWorld } from './world';

const REFUSAL = 'Only administrators of this project may view or change its Bitrix24 sync settings.';
const NEW_CALLS = ['migrationDryRun', 'pauseMigration', 'resumeMigration', 'cancelMigration'];

const stored = (world: ResolverWorld, prefix: string): string[] =>
  world.platform.kvs.keys().filter((k) => k.startsWith(prefix));

/** Tasks the app never hears of (every Bitrix24 delivery lost): only a migration pairs them. */
async function unheardTasks(world: ResolverWorld, count: number): Promise<void> {
  world.platform.setFaults({ seed: 7, dropEvents: 1 });
  for (let i = 0; i < count; i += 1)
    await world.b24('tasks.task.add', { fields: { TITLE: `Old task ${i}`, GROUP_ID: '1', RESPONSIBLE_ID: '1' } });
  await world.platform.settle();
  world.platform.setFaults({});
  world.clock.advance(120_000);
}

describe('the migration control resolvers', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it.each(NEW_CALLS)(
    '%s is refused to a person who may only browse the project, and to one who may not even browse it',
    async (call) => {
      expect(await world.settings('dmitri', call)).toEqual({ error: REFUSAL, code: 'refused.ADMINISTER_PROJECTS' });
      expect(await world.settings('olga', call)).toEqual({ error: REFUSAL, code: 'refused.ADMINISTER_PROJECTS' });
      expect(stored(world, 'migration')).toEqual([]);
    },
  );

  it("a browse-only person cannot pause or cancel a project administrator's run", async () => {
    await world.settings('ben', 'startMigration');
    expect(await world.settings('dmitri', 'pauseMigration')).toEqual({
      error: REFUSAL,
      code: 'refused.ADMINISTER_PROJECTS',
    });
    expect(await world.settings('dmitri', 'cancelMigration')).toEqual({
      error: REFUSAL,
      code: 'refused.ADMINISTER_PROJECTS',
    });
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      progress: { state: 'running' },
      canPause: true,
    });
  });

  it('the dry run reports its counts and prediction once its jobs have run, and writes nothing else', async () => {
    await unheardTasks(world, 3);
    const links = stored(world, 'link:').length;

    expect(await world.settings('ben', 'migrationDryRun')).toMatchObject({
      canDryRun: false,
      dryRun: { state: 'running' },
    });
    await world.platform.settle();

    const view = await world.settings('ben', 'getMigration');
    expect(view).toMatchObject({
      canDryRun: true,
      progress: null,
      dryRun: {
        state: 'done',
        tasks: { linked: 0 },
        prediction: { scope: { issuesToCreate: 3, tasksToCreate: 0 }, calls: { total: expect.any(Number) } },
      },
      phases: [
        { phase: 'tasks', done: 0, total: 3 },
        { phase: 'issues', done: 0, total: 3 },
      ],
    });
    expect(stored(world, 'link:')).toHaveLength(links);
  });

  it('take a run through pause, resume, cancel and a new start, offering only the buttons each state allows', async () => {
    await unheardTasks(world, 2);
    expect(await world.settings('ben', 'startMigration')).toMatchObject({
      progress: { state: 'running' },
      canStart: false,
      canPause: true,
      canResume: false,
      canCancel: true,
    });

    expect(await world.settings('ben', 'pauseMigration')).toMatchObject({
      progress: { state: 'paused' },
      canStart: false,
      canPause: false,
      canResume: true,
      canCancel: true,
    });
    expect(await world.settings('ben', 'pauseMigration')).toEqual({
      error: 'There is no running migration to pause.',
      code: 'migration.nothingToPause',
      params: {},
    });

    expect(await world.settings('ben', 'resumeMigration')).toMatchObject({
      progress: { state: 'running' },
      canPause: true,
      canResume: false,
    });
    expect(await world.settings('ben', 'cancelMigration')).toMatchObject({
      progress: { state: 'cancelled' },
      canStart: true,
      canPause: false,
      canResume: false,
      canCancel: false,
    });
    expect(await world.settings('ben', 'resumeMigration')).toEqual({
      error: 'There is no paused migration to resume.',
      code: 'migration.nothingToResume',
      params: {},
    });
    await world.platform.settle();

    expect(await world.settings('ben', 'startMigration')).toMatchObject({ progress: { state: 'running' } });
    await world.platform.settle();
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      progress: { state: 'done' },
      canStart: true,
      canCancel: false,
      secondsLeft: null,
    });
    expect(world.platform.kvs.peek(keys.migration('DEMO'))).toMatchObject({ state: 'done' });
  });

  it('the dry run refuses a project that is not paired, saying where to pair it', async () => {
    world.platform.kvs.remove('plain', keys.projectConfig('DEMO'));
    expect(await world.settings('ben', 'migrationDryRun')).toEqual({
      error: expect.stringMatching(/not paired with a Bitrix24 workgroup.*Mapping tab/),
      code: 'migration.notPaired',
      params: {},
    });
  });
});
