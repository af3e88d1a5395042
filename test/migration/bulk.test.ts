/**
 * The bulk migration: issues created 50 per `POST /issue/bulk`, tasks 50 per `batch`; refused elements
 * retried one by one and journalled; existing comments copied once each, attributed, in order; the events of the
 * migration's own writes dismissed without reads while a person's edit during the run is still synced; and a lost
 * bulk-create reply with lagging search ends with no duplicate.
 */
import { reconcileFromNow } from '../../src/app/reconcile/after-migration';
import { runMigrationPage } from '../../src/app/migration/page';
import { migrationStatus, startMigration } from '../../src/app/migration/start';
import { reconcileProject } from '../../src/app/reconcile/reconcile';
import { sweepLinks } from '../../src/app/reconcile/recover';
import { keys } from '../../src/app/store/keys';
import { PairStateStore } from '../../src/app/store/pair-state';
import { RetryableError } from '../../src/core/errors';
import { defaultSeed } from '../../src/local/seed';
import { attachInB24, issueFileNames, taskFileNames } from '../scenarios/files';
import { actions, adfText, attachInJira, createWorld, fileOf, PEOPLE, type World } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';

const linkCount = (w: World): number => w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
const calls = (w: World, endpoint: string): number => w.platform.stats().jira.byEndpoint[endpoint] ?? 0;

async function preexistingTasks(w: World, titles: { title: string; responsible?: string }[]): Promise<string[]> {
  const a = actions(w);
  const ids: string[] = [];
  await withB24EventsLost(w, async () => {
    for (const t of titles)
      ids.push(await a.createTask(PEOPLE.ben.b24, { TITLE: t.title, RESPONSIBLE_ID: t.responsible ?? PEOPLE.ben.b24 }));
  });
  return ids;
}

async function migrate(w: World): Promise<void> {
  w.clock.advance(120_000);
  w.platform.resetStats();
  await inApp(w, (deps) => startMigration(deps, 'DEMO'));
  await w.settle();
}

describe('bulk migration', () => {
  it('creates issues in one bulk call, retries the refused elements one by one and names them in the journal', async () => {
    // Dmitri may not be assigned issues in DEMO: Jira refuses any element that assigns him.
    const seed = defaultSeed();
    const dmitri = seed.jira.users.find((u) => u.accountId === PEOPLE.dmitri.accountId);
    if (dmitri?.projectPermissions?.DEMO)
      dmitri.projectPermissions.DEMO = dmitri.projectPermissions.DEMO.filter((p) => p !== 'ASSIGNABLE_USER');
    const w = await createWorld({ seed });
    const a = actions(w);
    const ids = await preexistingTasks(w, [
      { title: 'Fine 1' },
      { title: 'For Dmitri 1', responsible: PEOPLE.dmitri.b24 },
      { title: 'Fine 2' },
      { title: 'For Dmitri 2', responsible: PEOPLE.dmitri.b24 },
      { title: 'Fine 3' },
    ]);

    await migrate(w);

    expect(linkCount(w)).toBe(5);
    expect(await a.issuesInProject()).toHaveLength(5);
    expect(calls(w, 'POST /rest/api/3/issue/bulk')).toBe(1);
    // Only the two refused elements went through the single create: refused again there, then sent without the assignee.
    expect(calls(w, 'POST /rest/api/3/issue')).toBe(4);
    const refusals = a.journal().filter((e) => e.operation === 'migration-create');
    expect(refusals.map((e) => e.taskId).sort()).toEqual([ids[1], ids[3]].sort());
    for (const e of refusals)
      expect(e.message).toMatch(/refused by Jira's bulk create \(assignee: User '.*' cannot be assigned issues\.\)/);
    // The single path created them without the assignee and said so.
    expect((await a.issueOfTask(ids[1] ?? '')).fields.assignee).toBeNull();
    expect((await a.issueOfTask(ids[0] ?? '')).fields.assignee?.accountId).toBe(PEOPLE.ben.accountId);
  });

  it("carries the first status hop in the bulk create once the initial status's transitions are known", async () => {
    const w = await createWorld();
    const a = actions(w);
    const ids: string[] = [];
    await withB24EventsLost(w, async () => {
      for (let i = 0; i < 60; i += 1)
        ids.push(
          await a.createTask(PEOPLE.ben.b24, { TITLE: `Started ${i}`, RESPONSIBLE_ID: PEOPLE.ben.b24, STATUS: '3' }),
        );
    });

    await migrate(w);

    expect(linkCount(w)).toBe(60);
    for (const id of ids) expect((await a.issueOfTask(id)).fields.status.name).toBe('In Progress');
    expect(calls(w, 'POST /rest/api/3/issue/bulk')).toBe(2);
    // The first chunk moves its issues one by one and learns the transitions out of the initial status (one more
    // read); the second chunk's ten carry their hop in the create. Jira's write limit refuses one transition of the
    // first chunk's run of 50 (429): the page is retried and finishes the pairs its first attempt linked.
    expect(calls(w, 'POST /rest/api/3/issue/{id}/transitions')).toBeLessThanOrEqual(50 + 1);
    expect(calls(w, 'GET /rest/api/3/issue/{id}/transitions')).toBeLessThanOrEqual(51 + 1);
  });

  it('finishes, on the retried page, the pairs an attempt that died after the batched add had linked', async () => {
    const w = await createWorld();
    const a = actions(w);
    const issues: string[] = [];
    await whileUnpaired(w, async () => {
      for (let i = 0; i < 3; i += 1) {
        const { id } = await a.createIssue(PEOPLE.dmitri.email, { summary: `Started ${i}` });
        await a.transitionIssue(PEOPLE.anna.email, id, 'In Progress');
        issues.push(id);
      }
    });
    const save = PairStateStore.prototype.save;
    let died = 0;
    // The attempt dies recording its second pair: the first is recorded, the other two are linked only.
    const spy = jest.spyOn(PairStateStore.prototype, 'save').mockImplementation(async function (
      this: PairStateStore,
      ...args
    ) {
      if (died === 0 && w.platform.kvs.keys().filter((k) => k.startsWith('state:')).length === 1) {
        died += 1;
        throw new RetryableError('server-error', 'the function stopped mid-chunk', { code: 'test:abort' });
      }
      return save.apply(this, args);
    });
    try {
      await migrate(w);
    } finally {
      spy.mockRestore();
    }

    expect(died).toBe(1);
    expect(linkCount(w)).toBe(3);
    for (const id of issues) {
      const link = a.linkOfIssue(id);
      expect(await inApp(w, (deps) => new PairStateStore(deps.kv).get(link?.taskId ?? '', id))).not.toBeNull();
      // Bitrix24's "in progress" (3) is what Jira's In Progress maps to.
      expect((await a.b24Task(link?.taskId ?? '')).status).toBe('3');
    }
    expect(await a.tasksInGroup()).toHaveLength(3);
  });

  it('copies existing attachments both ways by the attachment rules, once each', async () => {
    const w = await createWorld();
    const a = actions(w);
    const [taskId] = await preexistingTasks(w, [{ title: 'With a file' }]);
    await withB24EventsLost(w, async () => {
      await attachInB24(w, PEOPLE.ben.b24, taskId ?? '', 'plan.pdf', fileOf(2000));
    });
    let issueId = '';
    await whileUnpaired(w, async () => {
      issueId = (await a.createIssue(PEOPLE.dmitri.email, { summary: 'With an attachment' })).id;
      await attachInJira(w, PEOPLE.dmitri.email, issueId, 'spec.pdf', fileOf(3000));
    });

    await migrate(w);

    expect(await issueFileNames(w, a.linkOfTask(taskId ?? '')?.issueId ?? '')).toEqual(['plan.pdf']);
    expect(await taskFileNames(w, a.linkOfIssue(issueId)?.taskId ?? '')).toEqual(['spec.pdf']);
    // Run again: the file links say both were copied.
    await migrate(w);
    expect(await issueFileNames(w, a.linkOfTask(taskId ?? '')?.issueId ?? '')).toEqual(['plan.pdf']);
    expect(await taskFileNames(w, a.linkOfIssue(issueId)?.taskId ?? '')).toEqual(['spec.pdf']);
  });

  it('copies existing comments both ways once each, attributed and in order', async () => {
    const w = await createWorld();
    const a = actions(w);
    const [taskId] = await preexistingTasks(w, [{ title: 'Discussed task', responsible: PEOPLE.chloe.b24 }]);
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'First from Ben' }]);
      await w.b24(PEOPLE.chloe.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Then [B]Chloé[/B]' }]);
      await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: 'Last from Ben' }]);
    });
    let issueId = '';
    await whileUnpaired(w, async () => {
      issueId = (await a.createIssue(PEOPLE.chloe.email, { summary: 'Discussed issue' })).id;
      await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
        body: adfText('One from Chloé'),
      });
      await w.jira(PEOPLE.ben.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, { body: adfText('Two from Ben') });
    });

    await migrate(w);
    await w.settle();

    const issueComments = (await w.jira(
      PEOPLE.anna.email,
      'GET',
      `/rest/api/3/issue/${a.linkOfTask(taskId ?? '')?.issueId}/comment`,
    )) as { comments: { body: unknown }[] };
    const texts = issueComments.comments.map((c) => JSON.stringify(c.body));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Ben Carter (Bitrix24):');
    expect(texts[0]).toContain('First from Ben');
    expect(texts[1]).toContain('Chloé Dubois (Bitrix24):');
    expect(texts[2]).toContain('Last from Ben');
    const taskComments = (await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [
      a.linkOfIssue(issueId)?.taskId,
      { ID: 'asc' },
    ])) as { POST_MESSAGE: string }[];
    expect(taskComments.map((c) => c.POST_MESSAGE)).toEqual([
      expect.stringMatching(/Chloé Dubois \(Jira\):.*One from Chloé/s),
      expect.stringMatching(/Ben Carter \(Jira\):.*Two from Ben/s),
    ]);
    // Their echoes mirrored nothing back, and a second run copies nothing.
    w.platform.resetStats();
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();
    expect(
      ((await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/comment`)) as { comments: unknown[] })
        .comments,
    ).toHaveLength(2);
    expect(
      calls(w, 'POST /rest/api/3/issue/{issueIdOrKey}/comment') +
        (w.platform.stats().b24.batchCommands['task.commentitem.add'] ?? 0),
    ).toBe(0);
  });

  it("dismisses the events of its own writes without reading, and still syncs a person's edit made meanwhile", async () => {
    const w = await createWorld();
    const a = actions(w);
    const [quiet, edited] = await preexistingTasks(w, [{ title: 'Left alone' }, { title: 'Edited during the run' }]);
    w.clock.advance(120_000);
    const started = await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    // Run the pages now, before any event of the migration's writes is handled.
    await inApp(w, (deps) =>
      runMigrationPage(
        deps,
        { kind: 'migration-page', projectKey: 'DEMO', runId: started.runId, side: 'jira', cursor: null, page: 0 },
        reconcileFromNow,
      ),
    );
    await inApp(w, (deps) =>
      runMigrationPage(
        deps,
        { kind: 'migration-page', projectKey: 'DEMO', runId: started.runId, side: 'b24', cursor: null, page: 0 },
        reconcileFromNow,
      ),
    );
    expect((await a.b24Task(quiet ?? '')).xmlId).toBe(a.linkOfTask(quiet ?? '')?.issueId);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: edited, fields: { TITLE: 'Renamed by Ben meanwhile' } });
    w.platform.resetStats();

    const report = await w.platform.settle();

    expect((await a.issueOfTask(edited ?? '')).fields.summary).toBe('Renamed by Ben meanwhile');
    // The two XML_ID echoes were announced, so the web trigger answers them without queueing (for the edited task,
    // whichever of its two events comes first spends the count). Queued: Ben's edit's sync job, and the two pages
    // pushed by the start and by the Jira page, which find their pages recorded.
    expect(report.b24EventsDelivered).toBe(3);
    expect(report.jobsRun).toBe(3);
    expect((await a.issueOfTask(quiet ?? '')).fields.summary).toBe('Left alone');
    // Three ONTASKUPDATE events (two XML_ID echoes, Ben's edit): one task read, for the edited task only.
    expect(w.platform.stats().b24.byMethod['tasks.task.get'] ?? 0).toBe(1);
    expect(await inApp(w, (deps) => migrationStatus(deps, 'DEMO'))).toMatchObject({ state: 'done' });
  });

  it('after a bulk create whose reply was lost, with search lagging, ends with one issue per task', async () => {
    const w = await createWorld();
    w.platform.jira.limits.searchLagMs = 60_000;
    const a = actions(w);
    await preexistingTasks(w, [{ title: 'A' }, { title: 'B' }, { title: 'C' }]);
    w.clock.advance(120_000);
    w.platform.setFaults({ lostReplies: 1 });
    const stop = w.platform.jira.onEvent((event) => {
      if (event.eventType !== 'avi:jira:created:issue') return;
      w.platform.setFaults({});
      stop();
    });
    w.platform.resetStats();

    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(linkCount(w)).toBe(3);
    w.clock.advance(60_000);
    expect((await a.issuesInProject()).map((i) => i.id).sort()).toEqual(
      w.platform.kvs
        .keys()
        .filter((k) => k.startsWith('link:jira:'))
        .map((k) => k.slice('link:jira:'.length))
        .sort(),
    );
    expect(calls(w, 'POST /rest/api/3/issue/bulk')).toBe(1);
    expect(calls(w, 'POST /rest/api/3/issue')).toBe(0);
    expect(await inApp(w, (deps) => migrationStatus(deps, 'DEMO'))).toMatchObject({ state: 'done' });
  });

  it('keeps reconciliation off the project while it runs, and has it start after the run instead of re-reading it', async () => {
    const w = await createWorld();
    await preexistingTasks(w, [{ title: 'One' }, { title: 'Two' }]);
    w.clock.advance(120_000);
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    expect(await inApp(w, (deps) => reconcileProject(deps, 'DEMO'))).toMatchObject({
      status: 'skipped',
      reason: 'the initial migration is running',
    });

    await w.settle();
    // Past reconciliation's 10-minute overlap, well inside its first window of an hour.
    w.clock.advance(11 * 60_000);
    w.platform.resetStats();
    const after = await inApp(w, (deps) => reconcileProject(deps, 'DEMO'));
    await w.settle();

    expect(after).toMatchObject({ status: 'complete', counts: { pairJobs: 0 } });
    // Only its two list calls: nothing the migration wrote is read again.
    expect(w.platform.stats().b24.byMethod['tasks.task.get'] ?? 0).toBe(0);
    expect(w.platform.stats().jira.byEndpoint['GET /rest/api/3/issue/{id}'] ?? 0).toBe(0);
  });
});

describe('the link sweep while a migration runs', () => {
  it("leaves the migrating project's pairs to the migration, and sweeps them once it is done", async () => {
    const w = await createWorld();
    const a = actions(w);
    const id = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Paired' });
    await w.settle();
    const pair = a.linkOfTask(id);
    await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [id, { POST_MESSAGE: 'A comment' }]);
    const sweep = async (state: 'running' | 'done'): Promise<number> => {
      w.platform.kvs.write('plain', keys.linkSweepCursor(), { wait: 0 });
      w.platform.kvs.write('plain', keys.migration('DEMO'), {
        state,
        runId: 'r',
        startedAt: 0,
        updatedAt: w.clock.now(),
        enqueued: 0,
        b24: { listed: 0, alreadyLinked: 0, cursor: null, page: 0, done: state === 'done' },
        jira: { listed: 0, alreadyLinked: 0, cursor: null, page: 0, done: state === 'done' },
      });
      w.platform.resetStats();
      await inApp(w, (deps) => sweepLinks(deps));
      return w.platform.stats().b24.reads + w.platform.stats().b24.writes;
    };

    expect(pair).toBeDefined();
    expect(await sweep('running')).toBe(0);
    // Done: the pair's task is listed with its comment count, and its comments read in a batch.
    expect(await sweep('done')).toBe(2);
  });

  it('reads the comments of only the swept tasks that have some, in one batch, and finds the missed ones', async () => {
    const w = await createWorld();
    const a = actions(w);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push(await a.createTask(PEOPLE.ben.b24, { TITLE: `Paired ${i}` }));
    await w.settle();
    await withB24EventsLost(w, async () => {
      for (const id of ids.slice(0, 2))
        await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [id, { POST_MESSAGE: 'Lost' }]);
    });
    w.platform.kvs.write('plain', keys.linkSweepCursor(), { wait: 0 });
    w.platform.resetStats();

    const jobs = await inApp(w, (deps) => sweepLinks(deps));

    const s = w.platform.stats();
    expect(jobs).toBe(2);
    expect(s.b24.reads + s.b24.writes).toBe(2);
    expect(s.b24.batchCommands['task.commentitem.getlist']).toBe(2);
  });
});
