/**
 * Figures for the report: REST calls and simulated time to migrate 120 tasks and 80 issues under the emulators'
 * default rate limits, and that the result is still exactly one pair per entity.
 */
import { startMigration } from '../../src/app/migration/start';
import { actions, createWorld, PEOPLE } from '../scenarios/harness';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';

it('migrates 120 tasks and 80 issues into 200 pairs within the rate limits', async () => {
  const w = await createWorld();
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < 120; i += 1) {
      await a.createTask(PEOPLE.ben.b24, { TITLE: `Task ${i}` });
      if (i % 40 === 39) w.clock.advance(30_000);
    }
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < 80; i += 1) await a.createIssue(PEOPLE.dmitri.email, { summary: `Issue ${i}` });
  });
  w.clock.advance(120_000);
  w.platform.resetStats();
  const before = w.clock.now();

  await inApp(w, (deps) => startMigration(deps, 'DEMO'));
  const report = await w.platform.settle();

  const s = w.platform.stats();
  const links = w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
  console.info(
    JSON.stringify({
      links,
      simulatedSeconds: (w.clock.now() - before) / 1000,
      report,
      jira: { reads: s.jira.reads, writes: s.jira.writes },
      b24: { reads: s.b24.reads, writes: s.b24.writes, byMethod: s.b24.byMethod },
      jiraByEndpoint: s.jira.byEndpoint,
    }),
  );
  expect(report.idle).toBe(true);
  expect(report.deadLetters).toBe(0);
  expect(links).toBe(200);
}, 120_000);
