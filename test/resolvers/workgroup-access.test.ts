/**
 * Which workgroups a project may pair with is the site admin's decision, made on the Connection tab and checked on
 * the server: a project admin is offered only the listed workgroups, a save or a migration naming another is refused
 * before anything is written, and only a Jira administrator may read or change the list.
 */
import { keys } from '../../src/app/store/keys';
import { createResolverWorld, PEOPLE, type Reply, type ResolverWorld } from './world';

/** DEMO paired with group 1 and listed for it, as the seed has it; group 2 is the board's private workgroup. */
const accessWorld = (): Promise<ResolverWorld> =>
  createResolverWorld({
    world: (seed) => {
      seed.b24.groups.push({ id: '3', name: 'Board of directors' });
      seed.jira.projects.push({ id: '10001', key: 'OPS', name: 'Operations' });
    },
  });

const stored = (world: ResolverWorld, key: string): string => JSON.stringify(world.platform.kvs.peek(key));

async function demoConfig(world: ResolverWorld): Promise<Record<string, unknown>> {
  return ((await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> }).config;
}

/** Tasks the app never heard of (every delivery lost), so only a migration would pair them. */
async function unheardTask(world: ResolverWorld, title: string): Promise<void> {
  world.platform.setFaults({ seed: 7, dropEvents: 1 });
  await world.b24('tasks.task.add', { fields: { TITLE: title, GROUP_ID: '1', RESPONSIBLE_ID: '1' } });
  await world.platform.settle();
  world.platform.setFaults({});
  world.clock.advance(120_000);
}

describe('the Mapping tab offers and accepts only listed workgroups', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await accessWorld();
  });

  it("offers a project admin only the workgroups listed for the project, never the others' names", async () => {
    const view = await world.settings('ben', 'getMapping');
    expect(view.groups).toEqual([{ id: '1', name: 'Demo workgroup' }]);
    expect(JSON.stringify(view)).not.toContain('Board of directors');
    expect(view.groupNotListed).toBeUndefined();
  });

  it('refuses a project admin who saves an unlisted workgroup, and writes nothing', async () => {
    const config = await demoConfig(world);
    const before = stored(world, keys.projectConfig('DEMO'));
    const reply = await world.settings('ben', 'saveMapping', { config: { ...config, b24GroupId: '3' } });
    expect(reply).toEqual({
      ok: false,
      error:
        'The mapping was not saved: workgroup 3 is not listed for project DEMO on the Connection tab; a Jira administrator can list it there.',
      code: 'mapping.groupNotListed',
      params: { group: '3', project: 'DEMO' },
      problems: [
        {
          path: 'b24GroupId',
          message:
            'Workgroup 3 is not listed for project DEMO on the Connection tab. A Jira administrator can list it there; until then this pairing is not synced or migrated.',
          code: 'mapping.notListed',
          params: { group: '3', project: 'DEMO' },
        },
      ],
    });
    expect(stored(world, keys.projectConfig('DEMO'))).toBe(before);
  });

  it('refuses a site admin too, on the Mapping tab: the list is changed on the Connection tab', async () => {
    const config = await demoConfig(world);
    expect(await world.settings('anna', 'saveMapping', { config: { ...config, b24GroupId: '3' } })).toMatchObject({
      ok: false,
      code: 'mapping.groupNotListed',
    });
  });

  it('accepts the workgroup once the site admin lists it for the project, or for any project', async () => {
    const config = await demoConfig(world);
    expect(
      await world.settings('anna', 'saveWorkgroupAccess', {
        entries: [
          { groupId: '1', projects: ['DEMO'] },
          { groupId: '3', projects: ['*'] },
        ],
      }),
    ).toMatchObject({
      entries: [
        { groupId: '1', groupName: 'Demo workgroup', projects: ['DEMO'] },
        { groupId: '3', groupName: 'Board of directors', projects: ['*'] },
      ],
    });
    expect((await world.settings('ben', 'getMapping')).groups).toEqual([
      { id: '1', name: 'Demo workgroup' },
      { id: '3', name: 'Board of directors' },
    ]);
    expect(await world.settings('ben', 'saveMapping', { config: { ...config, b24GroupId: '3' } })).toEqual({
      ok: true,
    });
  });

  it('tells the project admin when the saved pairing is no longer listed', async () => {
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [] });
    const view = await world.settings('ben', 'getMapping');
    expect(view.groups).toEqual([]);
    expect(view.groupNotListed).toMatchObject({ code: 'mapping.notListed', params: { group: '1', project: 'DEMO' } });
  });
});

describe('the Connection tab list', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await accessWorld();
  });

  it('is read and changed by Jira administrators only, checked on the server', async () => {
    const before = stored(world, keys.workgroupAccess());
    const refusal = {
      error: 'Only Jira administrators may change the Bitrix24 connection.',
      code: 'refused.ADMINISTER',
    };
    expect(await world.settings('ben', 'getWorkgroupAccess')).toEqual(refusal);
    expect(
      await world.settings('ben', 'saveWorkgroupAccess', { entries: [{ groupId: '3', projects: ['DEMO'] }] }),
    ).toEqual(refusal);
    const forged = await world.platform.invoke({
      function: 'settings-resolver-fn',
      call: 'saveWorkgroupAccess',
      payload: { entries: [{ groupId: '3', projects: ['*'] }] },
      accountId: PEOPLE.ben,
      extension: { project: { key: 'OPS' } },
    });
    expect(forged).toEqual(refusal);
    expect(stored(world, keys.workgroupAccess())).toBe(before);
  });

  it("shows the site admin the list with the portal's workgroups to choose from", async () => {
    expect(await world.settings('anna', 'getWorkgroupAccess')).toEqual({
      entries: [{ groupId: '1', groupName: 'Demo workgroup', projects: ['DEMO'] }],
      groups: [
        { id: '1', name: 'Demo workgroup' },
        { id: '2', name: 'Legacy workgroup (HTML descriptions)' },
        { id: '3', name: 'Board of directors' },
      ],
    });
  });

  it('refuses, before writing anything, a workgroup or project that does not exist, a workgroup listed twice and a malformed key', async () => {
    const before = stored(world, keys.workgroupAccess());
    const unknown = await world.settings('anna', 'saveWorkgroupAccess', {
      entries: [
        { groupId: '77', projects: ['DEMO'] },
        { groupId: '3', projects: ['NOPE'] },
      ],
    });
    expect(unknown).toMatchObject({
      ok: false,
      code: 'access.notSaved',
      params: { count: '2' },
      problems: [
        {
          path: 'entries.0.groupId',
          code: 'mapping.noGroup',
          message: 'Bitrix24 has no workgroup 77, or the app may not see it.',
        },
        { path: 'entries.1.projects.0', code: 'mapping.noProject', message: 'Jira has no project NOPE.' },
      ],
    });
    expect(
      await world.settings('anna', 'saveWorkgroupAccess', {
        entries: [
          { groupId: '1', projects: ['DEMO'] },
          { groupId: '1', projects: ['OPS'] },
        ],
      }),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'entries', code: 'access.groupTwice', params: { group: '1' } }],
    });
    expect(
      await world.settings('anna', 'saveWorkgroupAccess', { entries: [{ groupId: '1', projects: ['demo; drop'] }] }),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'entries.0.projects.0', code: 'access.notProjectKey', params: { value: 'DEMO; DROP' } }],
    });
    expect(
      await world.settings('anna', 'saveWorkgroupAccess', { entries: [{ groupId: '1', projects: [] }] }),
    ).toMatchObject({ ok: false, problems: [{ path: 'entries.0.projects', code: 'access.noProjects' }] });
    expect(stored(world, keys.workgroupAccess())).toBe(before);
  });
});

describe('a migration of an unlisted workgroup', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await accessWorld();
  });

  const notListed = (reply: Reply) =>
    expect(reply).toEqual({
      error:
        'Project DEMO is paired with the Bitrix24 workgroup 1, which the Connection tab does not list for this project, so nothing of it is synced or migrated. A Jira administrator can list the workgroup for DEMO on the Connection tab, or a project administrator can pair the project with a listed workgroup on the Mapping tab.',
      code: 'migration.notListed',
      params: { group: '1', project: 'DEMO' },
    });

  it('is refused at Start and at Dry run, and nothing starts', async () => {
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [{ groupId: '1', projects: ['OPS'] }] });
    notListed(await world.settings('ben', 'startMigration'));
    notListed(await world.settings('ben', 'migrationDryRun'));
    expect(world.platform.kvs.peek(keys.migration('DEMO'))).toBeUndefined();
    expect(world.platform.kvs.keys().filter((k) => k.startsWith('dry-run') || k.startsWith('migration'))).toEqual([]);
  });

  it('stops at its next page when the workgroup is taken off the list while it runs, pairing nothing', async () => {
    await unheardTask(world, 'Board minutes');
    const links = world.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
    expect(await world.settings('ben', 'startMigration')).toMatchObject({ progress: { state: 'running' } });
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [] });
    world.platform.resetStats();
    await world.platform.settle();
    expect(await world.settings('ben', 'getMigration')).toMatchObject({
      progress: { state: 'failed', errorCode: 'migration.notListed', errorParams: { group: '1', project: 'DEMO' } },
    });
    expect(world.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length).toBe(links);
    expect(world.platform.stats().jira.writes + world.platform.stats().b24.writes).toBe(0);
    const journal = world.platform.kvs
      .keys()
      .filter((k) => k.startsWith('journal:DEMO:'))
      .map((k) => world.platform.kvs.peek(k) as { operation: string; message?: string });
    expect(journal.filter((e) => e.operation === 'held-back' && /not list/.test(e.message ?? ''))).toHaveLength(1);
  });
});
