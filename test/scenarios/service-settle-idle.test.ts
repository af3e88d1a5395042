/**
 * Settling the service runtime "until idle" (`untilIdle`), as the model test does: no horizon, so a retry due far
 * ahead still runs, and the service's schedules, which are always due again, do not keep it from idling.
 */
import type { ServicePlatform } from '../../src/local/service-runtime/platform';
import { PEOPLE } from './harness';
import { createRuntimeWorld } from './runtimes';

it('runs a retry due beyond any horizon, then idles with only schedules due', async () => {
  const w = await createRuntimeWorld('service');
  const added = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
    fields: { TITLE: 'Shared work', GROUP_ID: '1', RESPONSIBLE_ID: PEOPLE.chloe.b24 },
  })) as { task: { id: string } };
  await w.settle();
  const { issueId } = (await w.stored(`link:b24:${added.task.id}`)) as { issueId: string };
  w.platform.setFaults({ seed: 1, jira429: 1 });
  await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: added.task.id, fields: { TITLE: 'Renamed' } });
  // Twenty minutes of a rate-limited Jira: the job keeps waiting, its next retry further off each time.
  await w.platform.settle({ advanceMs: 20 * 60_000 });
  w.platform.setFaults({});
  expect((await w.platform.settle()).idle).toBe(false);
  const platform = w.platform as ServicePlatform;
  const report = await platform.settle({ untilIdle: true });
  expect(report.idle).toBe(true);
  const issue = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}`)) as {
    fields: { summary: string };
  };
  expect(issue.fields.summary).toBe('Renamed');
  // A settled service settles again at once: the schedules due next are no work.
  const again = await platform.settle({ untilIdle: true });
  expect([again.idle, again.jobsRun, again.advancedMs]).toEqual([true, 0, 0]);
});
