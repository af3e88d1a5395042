/**
 * Initial migration at scale, in three cases: 600 tasks alone (no comments, no issues), then 2,000 + 2,000 and
 * 10,000 + 10,000 pre-existing tasks and issues (default statuses, one in 50 of each with two comments), migrated
 * in the emulators and printed beside the bound of src/core/migration/cost.ts and the dry run's prediction.
 * MIGRATION_BENCH_CASES picks cases by name (e.g. `600,2k`); the default runs all three.
 */
// The harness first: it installs the local Forge runtime's globals, which @forge/api (loaded by in-app) needs.
import { actions, adfText, createWorld, PEOPLE, type World } from '../scenarios/harness';
import { readDryRun, startDryRun } from '../../src/app/migration/dry-run';
import { startMigration } from '../../src/app/migration/start';
import { predictMigration } from '../../src/core/migration/cost';
import { defaultSeed } from '../../src/local/seed';
import { inApp, whileUnpaired } from '../reconcile/in-app';
import { quietly } from './world';

const COMMENTED_EVERY = 50;
const SLICE = 2_000;

export interface BenchCase {
  name: string;
  tasks: number;
  issues: number;
  /** One task and one issue in this many gets two comments; 0 for none. */
  commentedEvery: number;
}

export const CASES: BenchCase[] = [
  { name: '600', tasks: 600, issues: 0, commentedEvery: 0 },
  { name: '2k', tasks: 2_000, issues: 2_000, commentedEvery: COMMENTED_EVERY },
  { name: '10k', tasks: 10_000, issues: 10_000, commentedEvery: COMMENTED_EVERY },
];

const commentedOf = (n: number, every: number): number => (every === 0 ? 0 : Math.ceil(n / every));

async function buildWorld({ tasks: size, issues, commentedEvery }: BenchCase): Promise<World> {
  const seed = defaultSeed();
  const at = new Date(Date.now() - 86_400_000).toISOString();
  seed.b24.tasks = Array.from({ length: size }, (_, i) => ({
    title: `Existing task ${i}`,
    description: `Task [B]${i}[/B]`,
    descriptionInBbcode: 'Y' as const,
    groupId: '1',
    createdBy: PEOPLE.ben.b24,
    responsibleId: i % 2 === 0 ? PEOPLE.chloe.b24 : PEOPLE.ben.b24,
    createdAt: at,
  }));
  const w = await createWorld({ seed });
  const a = actions(w);
  // Seeded tasks get consecutive ids.
  const first = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', {
    order: { ID: 'asc' },
    select: ['ID'],
    start: -1,
  })) as { tasks: { id: string }[] };
  const firstId = Number(first.tasks[0]?.id ?? 1);
  // Everything happens while DEMO is unpaired, so the app neither hears of it nor reconciles it before the run;
  // in slices, so each settle stays within the platform's step budget.
  await whileUnpaired(w, async () => {
    for (let i = 0; commentedEvery > 0 && i < size; i += commentedEvery) {
      const taskId = String(firstId + i);
      await w.b24(PEOPLE.ben.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: `First on ${i}` }]);
      await w.b24(PEOPLE.anna.b24, 'task.commentitem.add', [taskId, { POST_MESSAGE: `Second on ${i}` }]);
    }
  });
  for (let from = 0; from < issues; from += SLICE) {
    await whileUnpaired(w, async () => {
      for (let i = from; i < Math.min(issues, from + SLICE); i += 1) {
        const { id } = await a.createIssue(PEOPLE.dmitri.email, { summary: `Existing issue ${i}` });
        if (commentedEvery > 0 && i % commentedEvery === 0) {
          await w.jira(PEOPLE.dmitri.email, 'POST', `/rest/api/3/issue/${id}/comment`, {
            body: adfText(`First on ${i}`),
          });
          await w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${id}/comment`, {
            body: adfText(`Second on ${i}`),
          });
        }
      }
    });
  }
  // As the migration tests do: the people's own calls drained the portal's request bucket.
  w.clock.advance(120_000);
  return w;
}

export async function benchMigration(): Promise<void> {
  const picked = process.env.MIGRATION_BENCH_CASES?.split(',');
  for (const c of CASES) if (!picked || picked.includes(c.name)) await benchCase(c);
}

async function benchCase(c: BenchCase): Promise<void> {
  const size = Math.max(c.tasks, c.issues);
  const built = performance.now();
  const w = await buildWorld(c);
  const commented = commentedOf(c.tasks, c.commentedEvery);
  const issuesCommented = commentedOf(c.issues, c.commentedEvery);
  const buildSeconds = (performance.now() - built) / 1000;
  const { value: dry } = await quietly(async () => {
    await inApp(w, (deps) => startDryRun(deps, 'DEMO'));
    await w.platform.settle({ maxSteps: 10 * size + 10_000 });
    return inApp(w, (deps) => readDryRun(deps, 'DEMO'));
  });
  // The dry run's own reads spent Bitrix24's windows: let them refill, as an admin reading its report would.
  w.clock.advance(600_000);
  w.platform.resetStats();
  const before = w.clock.now();
  const started = performance.now();
  const { value: report } = await quietly(async () => {
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    return w.platform.settle({ maxSteps: 50 * size + 10_000 });
  });
  const s = w.platform.stats();
  const links = w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
  const bound = predictMigration({
    tasks: c.tasks,
    issues: c.issues,
    tasksWithComments: commented,
    taskComments: 2 * commented,
    issueComments: 2 * issuesCommented,
  });
  const measured = { jira: s.jira.reads + s.jira.writes, b24: s.b24.reads + s.b24.writes };
  const total = measured.jira + measured.b24;
  const seconds = (w.clock.now() - before) / 1000;
  const pct = (x: number, y: number): string => (y === 0 ? '—' : `${(((x - y) / y) * 100).toFixed(1)}%`);
  console.log(
    `\nInitial migration: ${c.tasks} tasks + ${c.issues} issues (${commented} tasks and ${issuesCommented} issues with 2 comments), default statuses`,
  );
  console.log(
    `  pairs: ${links} (expected ${c.tasks + c.issues}); settled: ${report.idle}, dead letters: ${report.deadLetters}, failures: ${report.failures.length}`,
  );
  console.log(
    `  calls      measured ${total} (Jira ${measured.jira}, B24 ${measured.b24})   bound ${bound.calls.total} (Jira ${bound.calls.jira}, B24 ${bound.calls.b24})   ${pct(total, bound.calls.total)}   ${(total / (c.tasks + c.issues)).toFixed(3)} per entity`,
  );
  console.log(
    `  sim. time  measured ${(seconds / 60).toFixed(1)} min   bound ${(bound.seconds / 60).toFixed(1)} min (${bound.boundBy})   ${pct(seconds, bound.seconds)}`,
  );
  const predicted = dry?.prediction;
  console.log(
    `  dry run    predicted ${predicted?.calls.total ?? '—'} calls (Jira ${predicted?.calls.jira ?? '—'}, B24 ${predicted?.calls.b24 ?? '—'})   ${predicted ? pct(total, predicted.calls.total) : '—'} off the run; to create: ${predicted?.scope.issuesToCreate ?? '—'} issues, ${predicted?.scope.tasksToCreate ?? '—'} tasks`,
  );
  console.log(`  Jira by endpoint: ${JSON.stringify(s.jira.byEndpoint)}`);
  console.log(
    `  B24 by method: ${JSON.stringify(s.b24.byMethod)}; batch commands: ${JSON.stringify(s.b24.batchCommands)}`,
  );
  const kinds = new Map<string, number>();
  for (const f of report.failures) {
    const k = JSON.stringify(f)
      .replace(/[0-9]+/g, '#')
      .slice(0, 160);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  if (kinds.size > 0) console.log(`  failed invocations by kind: ${JSON.stringify([...kinds])}`);
  console.log(
    `  wall: building the world ${buildSeconds.toFixed(1)} s, migrating ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  benchMigration().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
