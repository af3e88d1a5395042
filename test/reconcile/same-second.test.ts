/**
 * Bitrix24's CHANGED_DATE has whole seconds: a task edited later in the second its previous reconciliation listed
 * it reads back with the same CHANGED_DATE. When that edit's event is lost (Bitrix24 never retries a delivery),
 * reconciliation must still tell the edit apart from the version it already reconciled.
 */
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { startMigration } from '../../src/app/migration/start';
import { reconcileProject } from '../../src/app/reconcile/reconcile';
import { SILENCE_MS } from '../../src/app/reconcile/watch';
import { inApp, withB24EventsLost } from './in-app';

async function reconcileNow(w: World): Promise<void> {
  await w.platform.runtime.runScheduled('reconcile');
  await w.settle();
}

async function changedDate(w: World, taskId: string): Promise<string> {
  const r = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'CHANGED_DATE'] })) as {
    task: { changedDate: string };
  };
  return r.task.changedDate;
}

/** Events silent for longer than the watch waits, and the clock 100 ms into a fresh second. */
async function eventsSilent(w: World): Promise<void> {
  w.clock.advance(SILENCE_MS + 60_000);
  await w.settle();
  w.clock.advance(1000 - (w.clock.now() % 1000) + 100);
}

async function watchTick(w: World): Promise<void> {
  await w.platform.runtime.runScheduled('event-watch');
  await w.settle();
}

/** A paired task whose current version the last reconciliation listed, and a clock still in that second. */
async function listedThisSecond(w: World, title: string): Promise<{ taskId: string; issueId: string; listed: string }> {
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: title, RESPONSIBLE_ID: PEOPLE.chloe.b24 });
  await w.settle();
  const issueId = (await a.issueOfTask(taskId)).id;
  await reconcileNow(w);
  return { taskId, issueId, listed: await changedDate(w, taskId) };
}

describe('reconciliation within one second of Bitrix24 time', () => {
  it('syncs an edit whose event was lost although CHANGED_DATE kept the second the last run listed', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId, listed } = await listedThisSecond(w, 'Draft the plan');
    w.clock.advance(90);
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { DESCRIPTION: 'Agreed with the client' } });
    });
    // The premise: the edit did not move CHANGED_DATE, so the date alone cannot show it.
    expect(await changedDate(w, taskId)).toBe(listed);

    await reconcileNow(w);

    expect(JSON.stringify((await a.issue(issueId)).fields.description)).toContain('Agreed with the client');
  });

  it('still lists an unchanged task of that second as reconciled: one list call on each side, nothing read', async () => {
    const w = await createWorld();
    await listedThisSecond(w, 'Keep the plan');
    w.clock.advance(90);
    w.platform.resetStats();

    await reconcileNow(w);

    const s = w.platform.stats();
    // The list rides in a batch, for the comment counts beside it.
    expect(s.b24.byMethod).toEqual({ batch: 1 });
    expect(s.b24.batchCommands).toEqual({ 'tasks.task.list': 1 });
    expect(Object.values(s.jira.byEndpoint).reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('lets the five-minute watch notice a task edited again in the second it last looked at that task', async () => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Book the venue', RESPONSIBLE_ID: PEOPLE.chloe.b24 });
    await w.settle();
    const issueId = (await a.issueOfTask(taskId)).id;
    await eventsSilent(w);
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Book the hall' } });
    });
    await watchTick(w);
    expect((await a.issue(issueId)).fields.summary).toBe('Book the hall');
    const looked = await changedDate(w, taskId);

    w.clock.advance(100);
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Book the small hall' } });
    });
    expect(await changedDate(w, taskId)).toBe(looked);
    await watchTick(w);

    expect((await a.issue(issueId)).fields.summary).toBe('Book the small hall');
  });

  it('hands over from the initial migration without skipping the rest of the second of its last write', async () => {
    const w = await createWorld();
    const a = actions(w);
    let taskId = '';
    await withB24EventsLost(w, async () => {
      taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Order chairs', RESPONSIBLE_ID: PEOPLE.ben.b24 });
    });
    w.clock.advance(120_000);
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();
    const handedOver = await changedDate(w, taskId);
    const issueId = (await a.issueOfTask(taskId)).id;

    w.clock.advance(100);
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Order forty chairs' } });
    });
    // The premise: the migration's own last write to this task was in the same second.
    expect(await changedDate(w, taskId)).toBe(handedOver);
    w.clock.advance(11 * 60_000);
    await inApp(w, (deps) => reconcileProject(deps, 'DEMO'));
    await w.settle();

    expect((await a.issue(issueId)).fields.summary).toBe('Order forty chairs');
  });
});
