/**
 * The app's long-running paths against Forge's time and payload limits, up to the sizes the migration issue names
 * (10,000 tasks + 10,000 issues: `npm run bench`), with the local runtime's default latencies. Each path runs as its real module
 * kind's invocation: the budget stops it at that kind's timeout, so a path past its limit fails here.
 */
import { kvs } from '@forge/kvs';
import { startMigration } from '../../../src/app/migration/start';
import { migrationQueueJobSchema, type MigrationQueueJob } from '../../../src/app/migration-queue';
import { LIST_PAGES_PER_BATCH, TASK_PAGE } from '../../../src/app/migration/page-work';
import { reconcileFromNow } from '../../../src/app/reconcile/after-migration';
import { runMigrationPage } from '../../../src/app/migration/page';
import { readPeople } from '../../../src/app/admin/people-settings';
import { continueReconcile, reconcileAll, type ReconcileResult } from '../../../src/app/reconcile/reconcile';
import type { AppDeps } from '../../../src/app/deps';
import { composeApp } from '../../../src/entry/composition';
import { ManualClock, type B24SeedTask, type B24SeedUser, type JiraSeedUser } from '../../../src/local/contracts';
import {
  InvocationBudget,
  LONG_RUNNING_EVENT_BYTES,
  timeoutSeconds,
  type ModuleKind,
} from '../../../src/local/forge/budget';
import { runInvocation } from '../../../src/local/forge/context';
import { LocalPlatform } from '../../../src/local/platform';
import { defaultSeed } from '../../../src/local/seed';
import { seedApp } from '../../../src/local/seed-app';
import type { JobBody } from '../../../src/ports/queue';

/**
 * 3,000 in `npm test` (four reconcile invocations, three continuations, 121 migration pages): each figure checked here
 * is per invocation, and with bounded continuations none grows with the project (measured at 1,000, 3,000 and
 * 10,000: src/local/README.md). `npm run bench` runs this file at the full 10,000 + 10,000.
 */
const TASKS = Number(process.env.LONG_RUN_SIZE ?? 3_000);
const ISSUES = TASKS;
/** The issue names no figure for people: this is the most Bitrix24 people the tab lists (people-directory.ts). */
const PEOPLE_WITH_EMAIL = 2_000;
const UNLIMITED = 1e9;

interface Measured<T> {
  result: T;
  elapsedMs: number;
}

/** Runs `fn` as one invocation of `functionKey` (a `kind` module), under that kind's Forge timeout. */
async function invocation<T>(
  platform: LocalPlatform,
  functionKey: string,
  kind: ModuleKind,
  fn: (deps: AppDeps) => Promise<T>,
): Promise<Measured<T>> {
  const budget = new InvocationBudget(
    functionKey,
    timeoutSeconds(kind, platform.runtime.manifest.functions.get(functionKey)),
  );
  const result = await runInvocation({ host: platform.runtime, functionKey, budget }, () =>
    fn(composeApp({ test: true })),
  );
  return { result, elapsedMs: budget.elapsedMs };
}

/** The app's deps with the migration queue's pushes recorded (they still go to the runtime, which checks their size). */
function recordingMigrationQueue(deps: AppDeps, into: JobBody[]): AppDeps {
  return {
    ...deps,
    migrationQueue: {
      push: async (jobs, options) => {
        await deps.migrationQueue.push(jobs, options);
        into.push(...jobs);
      },
    },
  };
}

async function sendJira(platform: LocalPlatform, request: Request): Promise<void> {
  const response = await platform.jira.handle(request);
  if (!response.ok) throw new Error(`jira: ${response.status} ${await response.text()}`);
}

/**
 * A paired world whose workgroup and project already hold `tasks` and `issues` the app never heard of. The tasks
 * are seeded into the portal as existing ones (as the legacy tasks are); the issues are created 50 a call through
 * Jira's bulk endpoint. The emulators' rate limits are lifted for the set-up; the app's own calls are timed by the
 * invocation budget.
 */
async function bigWorld(
  tasks: number,
  issues: number,
  people: { b24?: B24SeedUser[]; jira?: JiraSeedUser[] } = {},
): Promise<LocalPlatform> {
  const seed = defaultSeed();
  const clock = new ManualClock();
  seed.b24.users.push(...(people.b24 ?? []));
  seed.jira.users.push(...(people.jira ?? []));
  const ben = seed.b24.users.find((u) => u.id === '2') ?? seed.b24.users[0];
  const createdAt = new Date(clock.now()).toISOString();
  const existing = Array.from({ length: tasks }, (_, i): B24SeedTask => ({
    title: `Task ${i}`,
    description: '',
    descriptionInBbcode: 'Y',
    groupId: seed.b24GroupId,
    createdBy: ben?.id ?? '1',
    responsibleId: ben?.id ?? '1',
    createdAt,
  }));
  seed.b24.tasks = [...(seed.b24.tasks ?? []), ...existing];
  const platform = await LocalPlatform.create({
    clock,
    seed,
    seedApp,
    b24Limits: { bucketCapacity: UNLIMITED, drainPerSecond: UNLIMITED, operatingSecondsPer10Min: UNLIMITED },
    jiraLimits: {
      requestsPerSecond: UNLIMITED,
      issueWritesPer2s: UNLIMITED,
      issueWritesPer30s: UNLIMITED,
      quotaPointsPerHour: UNLIMITED,
    },
    // Pages run back to back here, with no simulated time between them: the per-minute push rate is lifted too.
    queueEventsPerMinute: UNLIMITED,
  });
  const auth = `Basic ${Buffer.from(`${seed.jira.users[0]?.email ?? ''}:token`).toString('base64')}`;
  for (let i = 0; i < issues; i += 50) {
    const issueUpdates = Array.from({ length: Math.min(50, issues - i) }, (_, j) => ({
      fields: { project: { key: seed.jiraProjectKey }, issuetype: { name: 'Task' }, summary: `Issue ${i + j}` },
    }));
    await sendJira(
      platform,
      new Request(`${seed.jira.baseUrl}/rest/api/3/issue/bulk`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ issueUpdates }),
      }),
    );
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
  it("runs every migration page within the migration consumer's timeout", async () => {
    const pushed: JobBody[] = [];
    const start = await invocation(world, 'settings-resolver-fn', 'resolver', (deps) =>
      startMigration(recordingMigrationQueue(deps, pushed), 'DEMO'),
    );
    let slowest = 0;
    let pages = 0;
    while (pushed.length > 0) {
      const job = parseJob(pushed.shift() as JobBody);
      if (job.kind !== 'migration-page') throw new Error(`unexpected ${job.kind}`);
      const page = await invocation(world, 'migration-fn', 'consumer', (deps) =>
        runMigrationPage(recordingMigrationQueue(deps, pushed), job, reconcileFromNow),
      );
      expect(page.result.kind).toBe('recorded');
      slowest = Math.max(slowest, page.elapsedMs);
      pages += 1;
    }
    console.info(JSON.stringify({ path: 'migration', startMs: start.elapsedMs, pages, slowestPageMs: slowest }));
    // Bulk pages of 450 on each side. Bitrix24 knows it listed the last page only when one comes back short; Jira
    // says so with no nextPageToken.
    const perPage = LIST_PAGES_PER_BATCH * TASK_PAGE;
    expect(pages).toBe(Math.floor(TASKS / perPage) + 1 + Math.ceil(ISSUES / perPage));
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
  const recording = (deps: AppDeps): AppDeps => ({
    ...deps,
    migrationQueue: { push: (jobs) => Promise.resolve(void pushed.push(...jobs)) },
  });
  const first = await invocation(platform, 'reconcile-fn', 'scheduled', (deps) => reconcileAll(recording(deps)));
  const run: ReconcileRun = { results: [...first.result], invocationMs: [first.elapsedMs], continuationBytes: [] };
  while (pushed.length > 0) {
    const body = pushed.shift() as JobBody;
    run.continuationBytes.push(Buffer.byteLength(JSON.stringify(body)));
    const job = parseJob(body);
    if (job.kind !== 'reconcile-page') throw new Error(`unexpected ${job.kind}`);
    const next = await invocation(platform, 'migration-fn', 'consumer', (deps) =>
      continueReconcile(recording(deps), job),
    );
    run.results.push(next.result);
    run.invocationMs.push(next.elapsedMs);
  }
  return run;
}

describe(`reconciling a window in which all ${(2 * (TASKS + ISSUES)).toLocaleString('en')} entities changed`, () => {
  let run: ReconcileRun;

  beforeAll(async () => {
    // The migration above handed reconciliation a window starting at its end; this run measures a first window
    // over everything, as after a reconciliation that was lost for a long time.
    world.kvs.remove('plain', 'reconcile:DEMO');
    run = await reconcileToTheEnd(world);
    console.info(
      JSON.stringify({
        path: 'reconcile',
        invocations: run.invocationMs.length,
        slowestMs: Math.max(...run.invocationMs),
        continuationBytes: run.continuationBytes,
      }),
    );
  }, 600_000);

  it('completes, each invocation within its 900 s', () => {
    expect(run.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(run.results.at(-1)?.status).toBe('complete');
    expect(Math.max(...run.invocationMs)).toBeLessThan(900_000);
  });

  it('lists every changed entity once across its invocations and enqueues each of them', () => {
    const counts = run.results.flatMap((r) => ('counts' in r ? [r.counts] : []));
    const sum = (key: 'tasks' | 'issues' | 'pairJobs') => counts.reduce((total, c) => total + c[key], 0);
    // The migration above gave every task an issue and every issue a task: both sides now hold TASKS + ISSUES.
    const each = TASKS + ISSUES;
    expect({ tasks: sum('tasks'), issues: sum('issues'), pairJobs: sum('pairJobs') }).toEqual({
      tasks: each,
      issues: each,
      pairJobs: 2 * each,
    });
  });

  // A continuation carries the scan's position only; the versions it has seen wait in KVS (reconcile/run-store.ts).
  it('keeps each continuation within the 100 KB event limit of the 900 s migration consumer', () => {
    expect(run.continuationBytes.length).toBeGreaterThan(0);
    expect(Math.max(...run.continuationBytes)).toBeLessThanOrEqual(LONG_RUNNING_EVENT_BYTES);
  });
});

/**
 * `count` Bitrix24 people with an e-mail and as many Jira accounts with the same addresses, every other one hiding
 * it (so half are matched through the bulk e-mail call).
 */
function people(count: number): { b24: B24SeedUser[]; jira: JiraSeedUser[] } {
  const email = (i: number) => `person.${i}@example.com`;
  return {
    b24: Array.from({ length: count }, (_, i) => ({
      id: String(100 + i),
      name: 'Person',
      lastName: String(i),
      email: email(i),
      webhookSecret: `secret${i}`,
    })),
    jira: Array.from({ length: count }, (_, i) => ({
      accountId: `712020:person-${i}`,
      displayName: `Person ${i}`,
      email: email(i),
      ...(i % 2 === 1 ? { emailHidden: true } : {}),
    })),
  };
}

describe("the People tab's resolver and the 25 s of a UI invocation", () => {
  it(`matches ${PEOPLE_WITH_EMAIL.toLocaleString('en')} Bitrix24 people by e-mail among as many Jira accounts, half hiding it, in time`, async () => {
    const platform = await bigWorld(0, 0, people(PEOPLE_WITH_EMAIL));
    const listed = await invocation(platform, 'settings-resolver-fn', 'resolver', (deps) => readPeople(deps, 'DEMO'));
    console.info(JSON.stringify({ path: 'people', b24People: PEOPLE_WITH_EMAIL, elapsedMs: listed.elapsedMs }));
    // The tab lists at most 2,000 Bitrix24 people (the seed's own come first): each one listed is matched to its account.
    const extra = listed.result.matched.filter((m) => Number(m.b24.id) >= 100);
    expect(extra.length).toBeGreaterThan(PEOPLE_WITH_EMAIL - 20);
    expect(extra.every((m) => m.jira.id === `712020:person-${Number(m.b24.id) - 100}` && m.by === 'email')).toBe(true);
    expect(listed.result.unmatchedB24.filter((p) => Number(p.id) >= 100)).toEqual([]);
    expect(listed.elapsedMs).toBeLessThan(25_000);
  }, 120_000);
});
