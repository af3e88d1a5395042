/**
 * A delete event is a claim, not a fact. A replayed ONTASKDELETE (valid application token) for a
 * task that still exists does nothing; a delete whose event was lost (Bitrix24 never retries) is noticed by the
 * hourly reconciliation, which applies the delete policy.
 */
import { SWEEP_EVERY_RUNS } from '../../src/app/reconcile/recover';
import { actions, createWorld, pairedTask, PEOPLE, recordDeliveries } from './harness';

describe('a Bitrix24 delete event', () => {
  it('replayed for a task that still exists changes nothing', async () => {
    const w = await createWorld();
    const deliveries = recordDeliveries(w);
    const { taskId, issueId } = await pairedTask(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Still alive' } });
    await w.settle();
    const texts = await Promise.all(deliveries.map((r) => r.clone().text()));
    const index = texts.findIndex((t) => t.startsWith('event=ONTASKUPDATE'));
    const update = deliveries[index];
    if (!update) throw new Error('no update delivery recorded');
    // The genuine update delivery, turned into a delete of the same living task: same token, same portal.
    const body = (texts[index] ?? '').replace('event=ONTASKUPDATE', 'event=ONTASKDELETE');
    const key = new URL(update.url).pathname.split('/')[2] ?? '';
    const response = await w.platform.webtrigger(
      key,
      new Request(update.url, { method: 'POST', headers: update.headers, body }),
    );
    expect(response.status).toBeLessThan(300);
    await w.settle();
    const a = actions(w);
    expect((await a.issue(issueId)).fields.status.name).toBe('To Do');
    expect(a.linkOfTask(taskId)?.issueId).toBe(issueId);
    expect(a.journal().filter((e) => e.operation === 'delete')).toEqual([]);
  });

  it('lost on the way is noticed by reconciliation, which closes the issue and forgets the pair', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.setFaults({ seed: 5, dropEvents: 1 });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.delete', { taskId });
    await w.settle();
    w.platform.setFaults({});
    const a = actions(w);
    expect(a.linkOfTask(taskId)).toBeDefined();
    // Within a sweep cycle of hourly runs, the link is checked.
    for (let run = 0; run < SWEEP_EVERY_RUNS; run += 1) {
      await w.platform.runtime.runScheduled('reconcile');
      await w.settle();
    }
    expect((await a.issue(issueId)).fields.status.name).toBe('Done');
    expect(a.linkOfIssue(issueId)).toBeUndefined();
    expect(
      a
        .journal()
        .filter((e) => e.operation === 'delete')
        .map((e) => e.message),
    ).toEqual([expect.stringContaining(`Bitrix24 task ${taskId} was deleted`)]);
  });
});
