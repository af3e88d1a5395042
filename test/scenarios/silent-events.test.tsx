/**
 * Events that cannot silently stop: with a web trigger that refuses Bitrix24's form body (the `webTriggerJsonOnly`
 * fault, as ECO-563 reads Forge), a Bitrix24 change still reaches Jira within 15 simulated minutes through the
 * five-minute watch; while events arrive the watch costs no REST call; the Connection tab says which is the case.
 */
import { answerInvokes, textOf, waitForDoc } from '../frontend/bridge';
import ForgeReconciler from '@forge/react';
import { ConnectionTab } from '../../src/frontend/settings/ConnectionTab';
import { actions, createWorld, pairedTask, PEOPLE, type World } from './harness';

const MINUTE = 60_000;

/** Moves simulated time a minute at a time, letting scheduled triggers and their jobs run, until `done` or `limitMs`. */
async function waitUntil(w: World, done: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = w.clock.now();
  while (w.clock.now() - start <= limitMs) {
    if (await done()) return w.clock.now() - start;
    w.clock.advance(MINUTE);
    await w.settle();
  }
  throw new Error(`not done within ${limitMs / MINUTE} minutes`);
}

async function advance(w: World, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= MINUTE) {
    w.clock.advance(Math.min(MINUTE, left));
    await w.settle();
  }
}

async function connectionHealth(w: World): Promise<{ code: string; params: Record<string, unknown> }[]> {
  const view = (await w.platform.invoke({
    function: 'settings',
    call: 'getConnection',
    accountId: PEOPLE.anna.accountId,
    extension: { project: { key: 'DEMO' } },
  })) as { health?: { code: string; params: Record<string, unknown> }[] };
  return view.health ?? [];
}

describe('when the web trigger takes only JSON bodies', () => {
  it('a Bitrix24 change still reaches Jira within 15 simulated minutes, and the Connection tab says events are silent', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ webTriggerJsonOnly: true });

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed while events are refused' } });
    await w.settle();
    expect((await a.issue(issueId)).fields.summary).toBe('Shared work');

    const took = await waitUntil(
      w,
      async () => (await a.issue(issueId)).fields.summary === 'Renamed while events are refused',
      15 * MINUTE,
    );
    expect(took).toBeLessThanOrEqual(15 * MINUTE);
    expect(await connectionHealth(w)).toContainEqual(expect.objectContaining({ code: 'health.eventsSilent' }));

    // The Connection tab, fed by the real resolver, puts it into words.
    answerInvokes({
      getConnection: () =>
        w.platform.invoke({
          function: 'settings',
          call: 'getConnection',
          accountId: PEOPLE.anna.accountId,
          extension: { project: { key: 'DEMO' } },
        }),
    });
    ForgeReconciler.render(<ConnectionTab />);
    const page = textOf(await waitForDoc((d) => textOf(d).includes('No event from Bitrix24 since')));
    expect(page).toMatch(
      /No event from Bitrix24 since \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Meanwhile the app looks for changes itself every 5 minutes, last check .*, last change picked up /,
    );
  });
});

describe('the five-minute event watch', () => {
  it('makes no REST call while verified events arrive', async () => {
    const w = await createWorld();
    const { taskId } = await pairedTask(w);
    for (let i = 0; i < 4; i += 1) {
      await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: `Edit ${i}` } });
      await w.settle();
      w.platform.resetStats();
      await advance(w, 5 * MINUTE);
      expect(w.platform.stats().b24.byMethod).toEqual({});
      expect(w.platform.stats().jira.byEndpoint).toEqual({});
    }
    expect(await connectionHealth(w)).toContainEqual(expect.objectContaining({ code: 'health.eventsArriving' }));
  });

  it('tells a change made in the same second as the newest one it saw apart from that one', async () => {
    const w = await createWorld();
    const a = actions(w);
    const first = await pairedTask(w);
    const second = await pairedTask(w, { TITLE: 'Other work' });
    w.platform.setFaults({ webTriggerJsonOnly: true });
    await advance(w, 11 * MINUTE);
    // Both edits carry the same CHANGED_DATE second; the watch looks once in between.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: first.taskId, fields: { TITLE: 'First, same second' } });
    await w.platform.runtime.runScheduled('event-watch');
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
      taskId: second.taskId,
      fields: { TITLE: 'Second, same second' },
    });
    w.platform.resetStats();
    await w.platform.runtime.runScheduled('event-watch');
    expect(w.platform.stats().jira.byEndpoint['POST /rest/api/3/search/jql']).toBeGreaterThan(0);
    await w.settle();
    expect((await a.issue(second.issueId)).fields.summary).toBe('Second, same second');
  });

  it('after 10 silent minutes, each tick makes one ids-only list call and reconciles only when something changed', async () => {
    const w = await createWorld();
    await pairedTask(w);
    await advance(w, 15 * MINUTE);
    // The first silent look knows no newest change yet, so it reconciles once; from then on it only lists.
    w.platform.resetStats();
    await advance(w, 15 * MINUTE);
    expect(w.platform.stats().b24.byMethod).toEqual({ 'tasks.task.list': 3 });
    expect(w.platform.stats().jira.byEndpoint).toEqual({});
  });
});
