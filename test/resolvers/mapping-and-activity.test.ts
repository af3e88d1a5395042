/**
 * The Mapping, People and Activity tabs' backend against the local platform.
 */
import { keys } from '../../src/app/store/keys';
import type { JournalEntry } from '../../src/app/store/journal';
import type { SeedAppContext } from '../../src/local/platform';
import { createResolverWorld, type ResolverWorld } from './world';

const journalEntry = (over: Partial<JournalEntry> & Pick<JournalEntry, 'id' | 'at'>): JournalEntry => ({
  projectKey: 'DEMO',
  direction: 'b24-to-jira',
  operation: 'fields',
  taskId: '7',
  issueId: '10001',
  issueKey: 'DEMO-1',
  fields: ['title'],
  outcome: 'synced',
  ...over,
});

/** `entries` may be a function of the platform's clock at seeding, the time the app reads too. */
const seedJournal =
  (entries: JournalEntry[] | ((now: number) => JournalEntry[])) =>
  async ({ kvs, platform }: SeedAppContext) => {
    for (const e of typeof entries === 'function' ? entries(platform.clock.now()) : entries)
      await kvs.set(keys.journalEntry(e.projectKey, e.at, e.id), JSON.parse(JSON.stringify(e)));
  };

describe('the mapping', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it("offers the project's real Jira statuses, Bitrix24's statuses and the portal's workgroups listed for the project", async () => {
    const reply = await world.settings('ben', 'getMapping');
    const names = (reply.jiraStatuses as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['To Do', 'In Progress', 'Done']));
    expect(new Set(names).size).toBe(names.length);
    expect((reply.b24Statuses as { id: string }[]).map((s) => s.id)).toEqual(['2', '3', '4', '5', '6']);
    // The portal also has the legacy workgroup 2, which the Connection tab does not list for DEMO.
    expect(reply.groups).toEqual([{ id: '1', name: 'Demo workgroup' }]);
    expect(reply).toMatchObject({ saved: true, config: { projectKey: 'DEMO', b24GroupId: '1' } });
  });

  it('refuses an invalid mapping with the validation sentences next to their paths, and changes nothing', async () => {
    const before = world.platform.kvs.peek(keys.projectConfig('DEMO'));
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    const broken = { ...config, timeZone: 'Mars/Olympus', endOfDayTime: '25:99', b24GroupId: 'x' };
    const reply = await world.settings('ben', 'saveMapping', { config: broken });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^The mapping was not saved/) });
    const problems = reply.problems as { path: string; message: string }[];
    expect(problems.map((p) => p.path)).toContain('b24GroupId');
    expect(problems.every((p) => p.message.length > 10)).toBe(true);
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toEqual(before);
  });

  it("offers the priorities of DEMO's create metadata (its priority scheme), not the deprecated site-wide list", async () => {
    const reply = await world.settings('ben', 'getMapping');
    expect((reply.jiraPriorities as { name: string }[]).map((p) => p.name)).toEqual([
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
    ]);
    expect(world.platform.stats().jira.byEndpoint['GET /rest/api/3/priority']).toBeUndefined();
  });

  it("offers only the custom fields DEMO's screen carries, by name, from the site's field list", async () => {
    const reply = await world.settings('ben', 'getMapping');
    expect(reply.jiraCustomFields).toEqual([
      { id: 'customfield_10050', name: 'Contract', type: 'string' },
      { id: 'customfield_10042', name: 'Budget', type: 'number' },
      { id: 'customfield_10060', name: 'Customer tier', type: 'option' },
    ]);
  });

  it('refuses a malformed custom-field pair and a conflict policy for an unmapped field, naming their rows', async () => {
    const before = world.platform.kvs.peek(keys.projectConfig('DEMO'));
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    const customFields = [{ b24Field: 'UF_BUDGET', jiraField: 'budget', converter: 'number', direction: 'both' }];
    const reply = await world.settings('ben', 'saveMapping', {
      config: { ...config, customFields, conflicts: { default: 'latest-wins', perField: { UF_GONE: 'b24-wins' } } },
    });
    expect((reply.problems as { path: string }[]).map((p) => p.path)).toEqual([
      'customFields.0.jiraField',
      'conflicts.perField.UF_GONE',
    ]);
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toEqual(before);
  });

  it('saves custom-field pairs, priorities and per-field conflict policies with the rest of the mapping', async () => {
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    const customFields = [
      { b24Field: 'UF_BUDGET', jiraField: 'customfield_10042', converter: 'number', direction: 'both' },
    ];
    const priorities = [
      { b24Priority: '2', jiraPriority: 'High', direction: 'both' },
      { b24Priority: '1', jiraPriority: 'Medium', direction: 'both' },
      { b24Priority: '0', jiraPriority: 'Low', direction: 'both' },
    ];
    const conflicts = { default: 'jira-wins', perField: { UF_BUDGET: 'b24-wins' } };
    expect(
      await world.settings('ben', 'saveMapping', { config: { ...config, customFields, priorities, conflicts } }),
    ).toEqual({ ok: true });
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toMatchObject({ customFields, priorities, conflicts });
  });

  it('saves a valid mapping as a whole', async () => {
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    expect(await world.settings('ben', 'saveMapping', { config: { ...config, endOfDayTime: '17:30' } })).toEqual({
      ok: true,
    });
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toMatchObject({ endOfDayTime: '17:30' });
  });

  it('matches people by e-mail and lists who is left unmatched, then saves an override', async () => {
    const people = await world.settings('ben', 'getPeople');
    expect((people.matched as unknown[]).length).toBe(4);
    expect(people.unmatchedB24).toEqual([{ id: '5', name: 'Farid Haddad', email: 'farid.haddad@example.com' }]);
    const erin = '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e05';
    expect(
      await world.settings('ben', 'savePeople', {
        overrides: [{ b24UserId: '5', jiraAccountId: erin }],
        fallback: { kind: 'leave-unchanged' },
      }),
    ).toEqual({ ok: true });
    const after = await world.settings('ben', 'getPeople');
    expect(after.unmatchedB24).toEqual([]);
    expect(after.matched).toContainEqual(
      expect.objectContaining({ by: 'override', jira: expect.objectContaining({ id: erin, name: 'Erin Walsh' }) }),
    );
  });

  it('saves default users as the fallback for unmatched people and reports it back', async () => {
    const anna = '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01';
    const fallback = { kind: 'default-user', b24UserId: '1', jiraAccountId: anna };
    expect(await world.settings('ben', 'savePeople', { overrides: [], fallback })).toEqual({ ok: true });
    expect((await world.settings('ben', 'getPeople')).fallback).toEqual(fallback);
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toMatchObject({
      users: { unmatched: { defaultB24UserId: '1', defaultJiraAccountId: anna } },
    });
  });

  it('refuses the same person in two overrides', async () => {
    const reply = await world.settings('ben', 'savePeople', {
      overrides: [
        { b24UserId: '5', jiraAccountId: 'a' },
        { b24UserId: '5', jiraAccountId: 'b' },
      ],
      fallback: { kind: 'leave-unchanged' },
    });
    expect(reply).toMatchObject({
      ok: false,
      problems: [{ path: 'overrides.1.b24UserId', message: 'Bitrix24 user 5 is mapped twice.' }],
    });
  });
});

describe('the activity journal', () => {
  const DAY = 24 * 3600 * 1000;

  it('lists entries newest first with both sides named, filters errors and this week, and counts per day', async () => {
    const world = await createResolverWorld({
      seed: seedJournal((now) => [
        journalEntry({ id: 'old', at: now - 10 * DAY }),
        journalEntry({ id: 'ok', at: now - 2 * DAY }),
        journalEntry({
          id: 'bad',
          at: now - DAY,
          outcome: 'failed',
          message: 'Status In Review is unreachable',
          retryJob: { kind: 'pair-sync', taskId: '7', issueId: '10001', origin: 'reconcile' },
        }),
      ]),
    });
    const all = await world.settings('ben', 'getActivity', { limit: 10 });
    expect((all.entries as JournalEntry[]).map((e) => e.id)).toEqual(['bad', 'ok', 'old']);
    expect(all.entries).toContainEqual(
      expect.objectContaining({ id: 'bad', entity: 'task 7 ⇄ DEMO-1', canRetry: true }),
    );
    const errors = await world.settings('ben', 'getActivity', { limit: 10, errorsOnly: true });
    expect((errors.entries as JournalEntry[]).map((e) => e.id)).toEqual(['bad']);
    const week = await world.settings('ben', 'getActivity', { limit: 10, sinceDays: 7 });
    expect((week.entries as JournalEntry[]).map((e) => e.id)).toEqual(['bad', 'ok']);
    expect(week.perDay).toEqual([
      expect.objectContaining({ synced: 1, errors: 0 }),
      expect.objectContaining({ synced: 0, errors: 1 }),
    ]);
  });

  it("Retry re-queues the failed entry's job, and refuses entries that did not fail", async () => {
    const world = await createResolverWorld({
      seed: seedJournal([
        journalEntry({
          id: 'bad',
          at: 1,
          outcome: 'failed',
          retryJob: { kind: 'pair-sync', taskId: '7', issueId: '10001', origin: 'reconcile' },
        }),
        journalEntry({ id: 'ok', at: 2 }),
      ]),
    });
    expect(await world.settings('ben', 'retry', { entryId: 'bad' })).toEqual({ queued: true });
    expect(await world.settings('ben', 'retry', { entryId: 'ok' })).toEqual({
      error: 'Only failed entries can be retried.',
      code: 'activity.notFailed',
      params: {},
    });
    expect(await world.settings('ben', 'retry', { entryId: 'nope' })).toEqual({
      error: expect.stringMatching(/no longer exists/),
      code: 'activity.entryGone',
      params: {},
    });
  });

  it('rejects a malformed payload with a sentence', async () => {
    const world = await createResolverWorld();
    expect((await world.settings('ben', 'getActivity', { limit: 'all' })).error).toMatch(
      /^The request was not understood \(limit\)/,
    );
  });
});
