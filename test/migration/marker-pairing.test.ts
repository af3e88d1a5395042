/**
 * An older run whose marks outlived its records: the tasks it made carry `XML_ID` naming their issues, the issues
 * it made carry the sealed marker naming their tasks, but its links, states and creation records are gone (they
 * expired, or the storage was lost). A new run pairs every entity with the partner its marks name and creates
 * nothing, so each entity ends in exactly one pair. A mark that names a partner the app's records hold apart
 * (a person unlinked it) pairs nothing.
 */
import { startMigration } from '../../src/app/migration/start';
import { keys } from '../../src/app/store/keys';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';

/** What the older run recorded, as opposed to what it wrote on the entities (the marks). */
const RECORDS = ['link:', 'state:', 'msent:', 'creating:', 'migration:', 'mfirst:', 'mxml:'];

async function forgetRecords(w: World): Promise<void> {
  const lost = w.platform.kvs.keys().filter((k) => RECORDS.some((p) => k.startsWith(p)));
  await inApp(w, async (deps) => {
    for (const key of lost) await deps.kv.delete(key);
  });
}

async function olderRun(w: World, tasks: number, issues: number): Promise<void> {
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < tasks; i += 1) await a.createTask(PEOPLE.ben.b24, { TITLE: `Task ${i}` });
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < issues; i += 1) await a.createIssue(PEOPLE.dmitri.email, { summary: `Issue ${i}` });
  });
  w.clock.advance(120_000);
  await inApp(w, (deps) => startMigration(deps, 'DEMO'));
  await w.settle();
  await forgetRecords(w);
  w.clock.advance(120_000);
}

async function pairsOf(w: World): Promise<{ tasks: number; issues: number; links: number; named: boolean }> {
  const a = actions(w);
  const tasks = await a.tasksInGroup();
  const issues = await a.issuesInProject();
  const links = w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
  // Each task's XML_ID names the issue it is paired with, and that issue's link names the task back.
  const named = tasks.every((t) => a.linkOfTask(t.id)?.issueId === t.xmlId && a.linkOfIssue(t.xmlId)?.taskId === t.id);
  return { tasks: tasks.length, issues: issues.length, links, named };
}

describe('a migration after an older run whose records were lost', () => {
  it('pairs each entity with the partner its marks name and creates nothing', async () => {
    const w = await createWorld();
    await olderRun(w, 4, 3);
    expect(w.platform.kvs.keys().filter((k) => k.startsWith('link:'))).toEqual([]);

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(await pairsOf(w)).toEqual({ tasks: 7, issues: 7, links: 7, named: true });
  });

  it('pairs nothing by a mark that names an issue a person unlinked, and gives that issue no second task', async () => {
    const w = await createWorld();
    await olderRun(w, 0, 2);
    const a = actions(w);
    const [kept, unlinked] = await a.issuesInProject();
    if (!kept || !unlinked) throw new Error('the older run made no issues');
    const task = (await a.tasksInGroup()).find((t) => t.xmlId === unlinked.id);
    if (!task) throw new Error('the older run made no task for the issue');
    // A person's unlink holds both apart (links.ts records either side).
    await inApp(w, async (deps) => {
      await deps.kv.set(keys.unlinked('jira', unlinked.id), task.id);
      await deps.kv.set(keys.unlinked('b24', task.id), unlinked.id);
    });

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(a.linkOfIssue(kept.id)).toBeDefined();
    expect(a.linkOfIssue(unlinked.id)).toBeUndefined();
    expect(a.linkOfTask(task.id)).toBeUndefined();
    expect(await a.tasksInGroup()).toHaveLength(2);
    expect(await a.issuesInProject()).toHaveLength(2);
  });

  it('pairs nothing, creates nothing and says why when two tasks name the same issue', async () => {
    const w = await createWorld();
    await olderRun(w, 0, 1);
    const a = actions(w);
    const [issue] = await a.issuesInProject();
    if (!issue) throw new Error('the older run made no issue');
    // A person copied the mark onto a task of their own; the app never heard of that task.
    await withB24EventsLost(w, async () => {
      await a.createTask(PEOPLE.ben.b24, { TITLE: 'Copied mark', XML_ID: issue.id });
    });
    w.clock.advance(120_000);

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(a.linkOfIssue(issue.id)).toBeUndefined();
    expect(await a.tasksInGroup()).toHaveLength(2);
    expect(await a.issuesInProject()).toHaveLength(1);
    const journal = JSON.stringify(
      w.platform.kvs
        .keys()
        .filter((k) => k.startsWith('journal:'))
        .map((k) => w.platform.kvs.peek(k)),
    );
    expect(journal).toContain(`each carry an XML_ID naming issue ${issue.key}`);
  });
});
