/**
 * The app's long-running paths against Forge's time and payload limits, at the sizes the migration issue names
 * (10,000 tasks + 10,000 issues), with the local runtime's default latencies. Each path runs as its real module
 * kind's invocation: the budget stops it at that kind's timeout, so a path past its limit fails here.
 */
import { kvs } from '@forge/kvs';
import { startMigration } from '../../../src/app/migration/start';
import { migrationQueueJobSchema, type MigrationQueueJob } from '../../../src/app/migration/jobs';
import { runMigrationPage } from '../../../src/app/migration/page';
import { readPeople } from '../../../src/app/admin/people-settings';
import { continueReconcile, reconcileAll, type ReconcileResult } from '../../../src/app/reconcile/reconcile';
import type { AppDeps } from '../../../src/app/deps';
import { composeApp } from '../../../src/entry/composition';
import { ManualClock, type B24SeedUser } from '../../../src/local/contracts';
import { InvocationBudget, timeoutSeconds, type ModuleKind } from '../../../src/local/forge/budget';
import { runInvocation } from '../../../src/local/forge/context';
import { LocalPlatform } from '../../../src/local/platform';
import { defaultSeed } from '../../../src/local/seed';
import { seedApp } from '../../../src/local/seed-app';
import type { JobBody } from '../../../src/ports/queue';

const TASKS = Number(process.env.LONG_RUN_SIZE ?? 10_000);
const ISSUES = TASKS;
/** The people the issue names no figure for: a portal of this size fits; see the people test. */
const PEOPLE_WITH_EMAIL = 100;
/** Forge's per-event limit for consumers with a timeout over 55 s (the migration queue's is 900 s). */
const LONG_RUNNING_EVENT_BYTES = 100 * 1024;
const UNLIMITED = 1e9;

interface Measured<T> {
  result: T;
  elapsedMs: number;
}

/** Runs `fn` as one invocation of `functionKey` (a `kind` module), under that kind's Forge timeout. */
async function invocation<T>(platform: LocalPlatform, functionKey: string, kind: ModuleKind, fn: (deps: AppDeps) => Promise<T>): Promise<Measured<T>> {
  const budget = new InvocationBudget(functionKey, timeoutSeconds(kind, platform.runtime.manifest.functions.get(functionKey)));
  const result = await runInvocation({ host: platform.runtime, functionKey, budget }, () => fn(composeApp({ test: true })));
  return { result, elapsedMs: budget.elapsedMs };
}

/** The app's deps with the migration queue's pushes recorded (they still go to the runtime, which checks their size). */
function recordingMigrationQueue(deps: AppDeps, into: JobBody[]): AppDeps {
  return { ...deps, migrationQueue: { push: async (jobs, options) => { await deps.migrationQueue.push(jobs, options); into.push(...jobs); } } };
}

async function send(platform: LocalPlatform, request: () => Request, service: 'jira' | 'b24'): Promise<unknown> {
  const response = await (service === 'jira' ? platform.jira.handle(request()) : platform.b24.handle(request()));
  if (!response.ok) throw new Error(`${service}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * A paired world whose workgroup and project already hold `tasks` and `issues` the app never heard of. The
 * emulators' rate limits are lifted for the set-up; the app's own calls are timed by the invocation budget.
 */
async function bigWorld(tasks: number, issues: number, extraB24People: B24SeedUser[] = []): Promise<LocalPlatform> {
  const seed = defaultSeed();
  seed.b24.users.push(...extraB24People);
  const platform = await LocalPlatform.create({
    clock: new ManualClock(),
    seed,
    seedApp,
    b24Limits: { bucketCapacity: UNLIMITED, drainPerSecond: UNLIMITED, operatingSecondsPer10Min: UNLIMITED },
    jiraLimits: { requestsPerSecond: UNLIMITED, issueWritesPer2s: UNLIMITED, issueWritesPer30s: UNLIMITED },
  });
  const ben = seed.b24.users.find((u) => u.id === '2') ?? seed.b24.users[0];
  const auth = `Basic ${Buffer.from(`${seed.jira.users[0]?.email ?? ''}:token`).toString('base64')}`;
  for (let i = 0; i < tasks; i += 1) {
    const body = JSON.stringify({ fields: { TITLE: `Task ${i}`, GROUP_ID: seed.b24GroupId, RESPONSIBLE_ID: ben?.id } });
    await send(platform, () => new Request(`https://${seed.b24.domain}/rest/${ben?.id}/${ben?.webhookSecret}/tasks.task.add.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 'b24');
  }
  for (let i = 0; i < issues; i += 1) {
    const body = JSON.stringify({ fields: { project: { key: seed.jiraProjectKey }, issuetype: { name: 'Task' }, summary: `Issue ${i}` } });
    await send(platform, () => new Request(`${seed.jira.baseUrl}/rest/api/3/issue`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body }), 'jira');
  }
  // The app never heard of them: drop the events they fired, and connect the app again on the emptied runtime.
  platform.runtime.reset();
  await runInvocation({ host: platform.runtime, functionKey: 'seed' }, () => seedApp({ kvs, platform }));
  return platform;
}

const parseJob = (body: JobBody): MigrationQueueJob => migrationQueueJobSchema.parse(body);

let world: LocalPlatform;

beforeAll(async () => {
  world = await bigWorld(TASKS, ISSUES);
}, 600_000);

describe(`long-running paths at ${TASKS.toLocaleString('en')} tasks + ${ISSUES.toLocaleString('en')} issues stay within Forge's limits`, () => {
  it('runs every migration page within the migration consumer\'s timeout', async () => {
    const pushed: JobBody[] = [];
    const start = await invocation(world, 'settings-resolver-fn', 'resolver', (deps) => startMigration(recordingMigrationQueue(deps, pushed), 'DEMO'));
    let slowest = 0;
    let pages = 0;
    while (pushed.length > 0) {
      const job = parseJob(pushed.shift() as JobBody);
      if (job.kind !== 'migration-page') throw new Error(`unexpected ${job.kind}`);
      const page = await invocation(world, 'migration-fn', 'consumer', (deps) => runMigrationPage(recordingMigrationQueue(deps, pushed), job));
      expect(page.result.kind).toBe('recorded');
      slowest = Math.max(slowest, page.elapsedMs);
      pages += 1;
    }
    console.info(JSON.stringify({ path: 'migration', startMs: start.elapsedMs, pages, slowestPageMs: slowest }));
    // Bulk pages of 500 on each side. Bitrix24 knows it listed the last page only when one comes back short (here:
    // empty); Jira says so with no nextPageToken.
    expect(pages).toBe(TASKS / 500 + 1 + ISSUES / 500);
    expect(start.elapsedMs).toBeLessThan(25_000);
    expect(slowest).toBeLessThan(900_000);
  }, 600_000);
});

/** A reconciliation run to its end: the scheduled invocation, then each continuation from the migration queue. */
interface ReconcileRun {
  results: ReconcileResult[];
  invocationMs: number[];
  continuationBytes: number[];
}

async function reconcileToTheEnd(platform: LocalPlatform): Promise<ReconcileRun> {
  const pushed: JobBody[] = [];
  // Recorded only, not pushed: the run goes on past a continuation the platform would refuse, to measure them all.
  const recording = (deps: AppDeps): AppDeps => ({ ...deps, migrationQueue: { push: (jobs) => Promise.resolve(void pushed.push(...jobs)) } });
  const first = await invocation(platform, 'reconcile-fn', 'scheduled', (deps) => reconcileAll(recording(deps)));
  const run: ReconcileRun = { results: [...first.result], invocationMs: [first.elapsedMs], continuationBytes: [] };
  while (pushed.length > 0) {
    const body = pushed.shift() as JobBody;
    run.continuationBytes.push(Buffer.byteLength(JSON.stringify(body)));
    const job = parseJob(body);
    if (job.kind !== 'reconcile-page') throw new Error(`unexpected ${job.kind}`);
    const next = await invocation(platform, 'migration-fn', 'consumer', (deps) => continueReconcile(recording(deps), job));
    run.results.push(next.result);
    run.invocationMs.push(next.elapsedMs);
  }
  return run;
}

describe(`reconciling a window in which all ${(TASKS + ISSUES).toLocaleString('en')} entities changed`, () => {
  let run: ReconcileRun;

  beforeAll(async () => {
    run = await reconcileToTheEnd(world);
    console.info(JSON.stringify({ path: 'reconcile', invocations: run.invocationMs.length, slowestMs: Math.max(...run.invocationMs), continuationBytes: run.continuationBytes }));
  }, 600_000);

  it('completes, each invocation within its 900 s', () => {
    expect(run.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(run.results.at(-1)?.status).toBe('complete');
    expect(Math.max(...run.invocationMs)).toBeLessThan(900_000);
  });

  // Known limit violation (reported, not fixed here): a continuation carries every version seen so far, about
  // 35 bytes per entity, and an invocation lists 2,000 entities; measured at 10,000 + 10,000: 69 KB, 139 KB, …
  // 738 KB. So the second continuation (past 4,000 changed entities) is over the 100 KB a 900 s consumer's event
  // may carry, Forge refuses the push and the scan never completes. When the scan state is bounded, make this a
  // plain `it`.
  it.failing('keeps each continuation within the 100 KB event limit of the 900 s migration consumer', () => {
    expect(Math.max(0, ...run.continuationBytes)).toBeLessThanOrEqual(LONG_RUNNING_EVENT_BYTES);
  });
});

function peopleWithEmail(count: number): B24SeedUser[] {
  return Array.from({ length: count }, (_, i) => ({ id: String(100 + i), name: 'Person', lastName: String(i), email: `person.${i}@example.com`, webhookSecret: `secret${i}` }));
}

async function listPeople(count: number): Promise<Measured<Awaited<ReturnType<typeof readPeople>>>> {
  const platform = await bigWorld(0, 0, peopleWithEmail(count));
  return invocation(platform, 'settings-resolver-fn', 'resolver', (deps) => readPeople(deps, 'DEMO'));
}

describe("the People tab's resolver and the 25 s of a UI invocation", () => {
  it(`matches ${PEOPLE_WITH_EMAIL} Bitrix24 people by e-mail in time`, async () => {
    const listed = await listPeople(PEOPLE_WITH_EMAIL);
    console.info(JSON.stringify({ path: 'people', b24People: PEOPLE_WITH_EMAIL, elapsedMs: listed.elapsedMs }));
    expect(listed.result.unmatchedB24.length + listed.result.matched.length).toBeGreaterThanOrEqual(PEOPLE_WITH_EMAIL);
    expect(listed.elapsedMs).toBeLessThan(25_000);
  }, 120_000);

  // Known limit violation (reported, not fixed here): one Jira look-up per person with an e-mail, one after another,
  // up to the cap of 200: about 200 ms each, so past roughly 115 people the tab's resolver is stopped at 25 s.
  it.failing('matches 200 Bitrix24 people (the look-up cap) in time', async () => {
    await expect(listPeople(200)).resolves.toBeDefined();
  }, 120_000);
});
