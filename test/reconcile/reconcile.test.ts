/**
 * Hourly reconciliation on the local platform: what events missed is caught up, Jira comment edits (which have no
 * event) reach Bitrix24, and a world already in sync costs reads only.
 */
import { keys } from '../../src/app/store/keys';
import { reconcileProject } from '../../src/app/reconcile/reconcile';
import { actions, adfText, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { inApp, reads, withB24EventsLost, writes } from './in-app';

const HOUR = 3_600_000;

async function pairedTask(w: World, title: string): Promise<{ taskId: string; issueId: string }> {
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: title, RESPONSIBLE_ID: PEOPLE.chloe.b24 });
  await w.settle();
  return { taskId, issueId: (await a.issueOfTask(taskId)).id };
}

async function reconcileNow(w: World): Promise<void> {
  await w.platform.runtime.runScheduled('reconcile');
  await w.settle();
}

describe('reconciliation', () => {
  it('syncs a Bitrix24 change whose event was dropped once the hourly trigger runs', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w, 'Prepare the offer');
    await withB24EventsLost(w, async () => {
      await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Prepare the final offer' } });
    });
    expect((await a.issue(issueId)).fields.summary).toBe('Prepare the offer');

    await reconcileNow(w);

    expect((await a.issue(issueId)).fields.summary).toBe('Prepare the final offer');
  });

  it('creates the issue for a task whose creation event was dropped', async () => {
    const w = await createWorld();
    const a = actions(w);
    let taskId = '';
    await withB24EventsLost(w, async () => {
      taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Unheard task' });
    });
    expect(a.linkOfTask(taskId)).toBeUndefined();

    await reconcileNow(w);

    expect((await a.issueOfTask(taskId)).fields.summary).toBe('Unheard task');
    expect(await a.issuesInProject()).toHaveLength(1);
  });

  it('carries a Jira comment edit to the mirrored Bitrix24 comment', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w, 'Review the contract');
    const comment = (await w.jira(PEOPLE.dmitri.email, 'POST', `/rest/api/3/issue/${issueId}/comment`, {
      body: adfText('Looks fine'),
    })) as { id: string };
    await w.settle();
    w.clock.advance(5 * 60_000);
    await w.jira(PEOPLE.dmitri.email, 'PUT', `/rest/api/3/issue/${issueId}/comment/${comment.id}`, {
      body: adfText('Looks fine, but check clause 7'),
    });
    await w.settle();
    const mirrored = async (): Promise<string[]> =>
      ((await w.b24(PEOPLE.anna.b24, 'task.commentitem.getlist', [taskId])) as { POST_MESSAGE: string }[]).map(
        (c) => c.POST_MESSAGE,
      );
    expect((await mirrored()).join('\n')).not.toContain('clause 7');

    await reconcileNow(w);

    const after = await mirrored();
    expect(after).toHaveLength(1);
    expect(after[0]).toContain('Looks fine, but check clause 7');
  });

  it('writes nothing on either side when everything is already in sync', async () => {
    const w = await createWorld();
    await pairedTask(w, 'Steady task');
    const issue = await actions(w).createIssue(PEOPLE.dmitri.email, { summary: 'Steady issue' });
    await w.settle();
    w.platform.resetStats();

    await reconcileNow(w);

    expect(writes(w)).toBe(0);
    expect(reads(w)).toBeGreaterThan(0);
    expect(actions(w).linkOfIssue(issue.id)).toBeDefined();
  });

  it('on an idle world an hour later only lists both sides: one Bitrix24 list and one Jira search', async () => {
    const w = await createWorld();
    await pairedTask(w, 'Old task');
    await reconcileNow(w);
    // No event has come since: the five-minute watch has taken its first look (everything is new to it) by now.
    w.clock.advance(2 * HOUR);
    await w.settle();
    w.clock.advance(HOUR);
    w.platform.resetStats();

    // The hour has passed: settling runs the scheduled triggers by themselves.
    await w.settle();

    const s = w.platform.stats();
    expect(writes(w)).toBe(0);
    // The reconciliation's list (in a batch, for the comment counts beside it), and the watch's list that found
    // nothing new.
    expect(s.b24.byMethod).toEqual({ batch: 1, 'tasks.task.list': 1 });
    expect(s.b24.batchCommands).toEqual({ 'tasks.task.list': 1 });
    expect(Object.values(s.jira.byEndpoint).reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('continues a scan larger than its page budget on the migration queue, then completes the cursor', async () => {
    const w = await createWorld();
    const a = actions(w);
    await withB24EventsLost(w, async () => {
      for (let i = 0; i < 55; i += 1) await a.createTask(PEOPLE.ben.b24, { TITLE: `Lost #${i}` });
    });
    // People's calls drained the portal's request bucket; give it a minute to refill.
    w.clock.advance(60_000);

    const first = await inApp(w, (deps) => reconcileProject(deps, 'DEMO', 1));
    expect(first.status).toBe('continued');
    expect(w.platform.kvs.peek(keys.reconcileCursor('DEMO'))).toMatchObject({
      pendingSince: expect.any(Number) as number,
    });
    await w.settle();

    expect(w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:'))).toHaveLength(55);
    expect(w.platform.kvs.peek(keys.reconcileCursor('DEMO'))).not.toHaveProperty('pendingSince');
  });
});
