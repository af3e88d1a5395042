/**
 * The `refusedWrites` fault refuses the app's writes with a 400, never its reads, on both runtimes: a remote that
 * will not take a value still answers what the task holds. A refused write is journalled as refused, and the job
 * ends there; nothing fails and nothing waits in a dead-letter queue.
 */
import { PEOPLE } from './harness';
import { createRuntimeWorld, RUNTIMES } from './runtimes';

interface Entry {
  outcome: string;
  fields?: string[];
  refused?: string[];
  issueId?: string;
}

describe.each(RUNTIMES)('on the %s runtime, with every write of the app refused', (runtime) => {
  it('a Jira edit is read across and journalled as refused by Bitrix24, not failed', async () => {
    const w = await createRuntimeWorld(runtime);
    const added = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
      fields: { TITLE: 'Shared work', GROUP_ID: '1', RESPONSIBLE_ID: PEOPLE.chloe.b24 },
    })) as { task: { id: string } };
    await w.settle();
    const link = (await w.stored(`link:b24:${added.task.id}`)) as { issueId: string };
    w.platform.setFaults({ seed: 1, refusedWrites: 1 });
    w.clock.advance(1000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${link.issueId}`, { fields: { summary: 'Renamed' } });
    await w.settle();
    const about = ((await w.journal()) as Entry[]).filter((e) => e.issueId === link.issueId);
    expect(about.filter((e) => e.outcome === 'failed')).toEqual([]);
    expect(about.some((e) => (e.refused ?? []).includes('title'))).toBe(true);
  });
});
