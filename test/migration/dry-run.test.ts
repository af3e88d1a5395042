/**
 * The dry run on the local platform: it writes nothing, and what it predicts is what the run then does — the same
 * counts, and REST calls within 10% of those the bulk engine makes (the platform's
 * own stats). The world holds every kind of entity the report names: pairs made by link, an issue that carries
 * the app's marker for a task it was never linked to, tasks and issues to create, people with no counterpart and
 * a status that does not flow.
 */
import { startDryRun, readDryRun } from '../../src/app/migration/dry-run';
import { migrationStatus, startMigration } from '../../src/app/migration/start';
import { sealedMarker } from '../../src/app/sync/marker-seal';
import { attachInB24 } from '../scenarios/files';
import { actions, attachInJira, createWorld, fileOf, PEOPLE, type World } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost, writes } from '../reconcile/in-app';

const linkCount = (w: World): number => w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;

const calls = (w: World): { jira: number; b24: number; total: number } => {
  const s = w.platform.stats();
  const jira = s.jira.reads + s.jira.writes;
  const b24 = s.b24.reads + s.b24.writes;
  return { jira, b24, total: jira + b24 };
};

/** Issues and tasks now in scope (the harness lists the first page: these worlds stay under 50). */
const inScope = async (w: World): Promise<{ issues: number; tasks: number }> => ({
  issues: (await actions(w).issuesInProject()).length,
  tasks: (await actions(w).tasksInGroup()).length,
});

const within = (actual: number, predicted: number, share: number): boolean =>
  Math.abs(actual - predicted) <= share * actual;

/** 2 pairs the app made, 14 tasks and 9 issues it never heard of, one of those issues marked for one of the tasks. */
async function mixedWorld(): Promise<World> {
  const w = await createWorld();
  const a = actions(w);
  for (let i = 0; i < 2; i += 1)
    await a.createTask(PEOPLE.ben.b24, { TITLE: `Paired ${i}`, RESPONSIBLE_ID: PEOPLE.chloe.b24 });
  await w.settle();
  const unheard: string[] = [];
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < 14; i += 1) {
      // Farid exists only in Bitrix24: three tasks are his.
      unheard.push(
        await a.createTask(PEOPLE.ben.b24, {
          TITLE: `Old task ${i}`,
          RESPONSIBLE_ID: i < 3 ? PEOPLE.farid.b24 : PEOPLE.chloe.b24,
        }),
      );
    }
    // Files go with their task or issue: one each way.
    await attachInB24(w, PEOPLE.ben.b24, unheard[5] ?? '', 'plan.pdf', fileOf(2000));
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < 8; i += 1) {
      // Erin exists only in Jira: two issues are hers.
      const issue = await a.createIssue(PEOPLE.dmitri.email, {
        summary: `Old issue ${i}`,
        ...(i < 2 ? { assignee: { accountId: PEOPLE.erin.accountId } } : {}),
      });
      if (i === 0)
        for (const status of ['In Progress', 'In Review']) await a.transitionIssue(PEOPLE.anna.email, issue.id, status);
      if (i === 4) await attachInJira(w, PEOPLE.dmitri.email, issue.id, 'spec.pdf', fileOf(3000));
    }
    // What an interrupted create leaves behind: the issue made for a task, carrying the app's own (sealed) marker,
    // and no link.
    const marker = await inApp(w, (deps) => sealedMarker(deps, unheard[13] ?? ''));
    await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Made for an old task' },
      properties: [{ key: 'b24-sync', value: marker }],
    });
  });
  w.clock.advance(120_000);
  return w;
}

describe('the migration dry run', () => {
  it('reads both sides, writes nothing, and predicts the counts, the calls and the time of the run that follows', async () => {
    const w = await mixedWorld();
    w.platform.resetStats();

    await inApp(w, (deps) => startDryRun(deps, 'DEMO'));
    await w.settle();
    const dry = await inApp(w, (deps) => readDryRun(deps, 'DEMO'));
    expect(writes(w)).toBe(0);
    expect(linkCount(w)).toBe(2);
    expect(dry).toMatchObject({
      state: 'done',
      tasks: { total: 16, linked: 2, namedByIssueMarker: 1, markedByXmlId: 0 },
      issues: { total: 11, linked: 2, marked: 1, byMarker: 1 },
      comments: { taskFiles: 1, issueFiles: 1 },
      prediction: { scope: { tasks: 16, issues: 11, issuesToCreate: 13, tasksToCreate: 8, pairedByMarker: 1 } },
    });
    const people = Object.values(dry?.people ?? {})
      .filter((p) => !p.matched)
      .map(({ side, name, count }) => ({ side, name, count }));
    expect(people).toEqual(
      expect.arrayContaining([
        { side: 'b24', name: 'Farid Haddad', count: 3 },
        { side: 'jira', name: 'Erin Walsh', count: 2 },
      ]),
    );
    expect(Object.values(dry?.statuses ?? {})).toEqual([{ side: 'jira', name: 'In Review', count: 1 }]);

    w.platform.resetStats();
    const before = await inScope(w);
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    const predicted = dry?.prediction;
    const progress = await inApp(w, (deps) => migrationStatus(deps, 'DEMO'));
    // Each side lists what existed before the run: what the run created on a side lies past its first creation.
    expect(progress).toMatchObject({
      state: 'done',
      b24: { listed: predicted?.scope.tasks },
      jira: { listed: predicted?.scope.issues },
    });
    const after = await inScope(w);
    expect({ issues: after.issues - before.issues, tasks: after.tasks - before.tasks }).toEqual({
      issues: predicted?.scope.issuesToCreate,
      tasks: predicted?.scope.tasksToCreate,
    });
    expect(linkCount(w)).toBe(2 + 13 + 8 + 1);
    const made = calls(w);
    console.info(JSON.stringify({ predicted: predicted?.calls, made, stats: w.platform.stats() }));
    expect(within(made.jira, predicted?.calls.jira ?? 0, 0.1)).toBe(true);
    expect(within(made.b24, predicted?.calls.b24 ?? 0, 0.1)).toBe(true);
  }, 120_000);

  it('refuses to start for a project that is not paired', async () => {
    const w = await createWorld();
    await expect(inApp(w, (deps) => startDryRun(deps, 'NOPE'))).rejects.toThrow('not paired');
  });
});
