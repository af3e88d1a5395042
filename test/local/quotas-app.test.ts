/**
 * The app under each quota when it binds: the initial migration (120 tasks, 80 issues) still ends in exactly one pair
 * per entity, waiting out Jira's hourly quota, Bitrix24's operating time and Forge's queue rate through the queue's
 * retries (Retry-After, operating_reset_at, RateLimitError), never by sleeping in a function.
 */
import { startMigration } from '../../src/app/migration/start';
import type { LocalPlatformOptions } from '../../src/local/platform';
import { inApp, whileUnpaired, withB24EventsLost } from '../reconcile/in-app';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';

const HOUR = 3_600_000;
const TASKS = 120;
const ISSUES = 80;

type Limits = Pick<LocalPlatformOptions, 'jiraLimits' | 'b24Limits' | 'queueEventsPerMinute'>;

/** Entities the app never heard of, as in test/migration/measure.test.ts. */
async function worldWithUnpairedEntities(limits: Limits): Promise<World> {
  const w = await createWorld({ limits });
  const a = actions(w);
  await withB24EventsLost(w, async () => {
    for (let i = 0; i < TASKS; i += 1) {
      await a.createTask(PEOPLE.ben.b24, { TITLE: `Task ${i}` });
      if (i % 40 === 39) w.clock.advance(30_000);
    }
  });
  await whileUnpaired(w, async () => {
    for (let i = 0; i < ISSUES; i += 1) await a.createIssue(PEOPLE.dmitri.email, { summary: `Issue ${i}` });
  });
  w.clock.advance(120_000);
  return w;
}

/** Reasons of the refusals `service` answered the app, read off the replies as the app reads them. */
function refusalsOf(
  service: { handle(request: Request, caller?: never): Promise<Response> },
  reasonOf: (r: Response) => Promise<string | null>,
): string[] {
  const seen: string[] = [];
  const original = service.handle.bind(service);
  jest.spyOn(service, 'handle').mockImplementation(async (request: Request, caller?: never) => {
    const response = await original(request, caller);
    const reason = await reasonOf(response);
    if (reason !== null) seen.push(reason);
    return response;
  });
  return seen;
}

const jiraReason = (r: Response): Promise<string | null> =>
  Promise.resolve(r.status === 429 ? r.headers.get('RateLimit-Reason') : null);
/** A refusal of the whole request, or of a command inside a batch (`result_error`, the call itself answers 200). */
const b24Reason = async (r: Response): Promise<string | null> => {
  const body = (await r
    .clone()
    .json()
    .catch(() => ({}))) as {
    error?: string;
    result?: { result_error?: Record<string, { error?: string }> | unknown[] };
  };
  if (r.status === 429 || r.status === 503) return body.error ?? null;
  const errors = body.result?.result_error;
  const first = errors && !Array.isArray(errors) ? Object.values(errors)[0] : undefined;
  return first?.error ?? null;
};

interface Outcome {
  links: number;
  issues: number;
  tasks: number;
  /** Journal entries of jobs that gave up. */
  failed: number;
  simulatedMs: number;
  deadLetters: number;
  idle: boolean;
}

async function migrate(w: World): Promise<Outcome> {
  const before = w.clock.now();
  await inApp(w, (deps) => startMigration(deps, 'DEMO'));
  const report = await w.platform.settle({ maxSteps: 50_000 });
  const links = w.platform.kvs.keys().filter((k) => k.startsWith('link:b24:')).length;
  // The people count too: let the quotas refill before reading both sides.
  w.clock.advance(HOUR);
  const found = (await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = DEMO',
    maxResults: 5000,
  })) as { issues: unknown[] };
  const listed = await countTasks(w);
  const failed = w.platform.kvs
    .keys()
    .filter(
      (k) => k.startsWith('journal:') && (w.platform.kvs.peek(k) as { outcome?: string }).outcome === 'failed',
    ).length;
  return {
    links,
    issues: found.issues.length,
    tasks: listed,
    failed,
    simulatedMs: w.clock.now() - before,
    deadLetters: report.deadLetters,
    idle: report.idle,
  };
}

async function countTasks(w: World): Promise<number> {
  let count = 0;
  for (let start = 0; ; start += 50) {
    const filter = { GROUP_ID: w.platform.info().b24.groupId };
    const page = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', { select: ['ID'], filter, start })) as {
      tasks: unknown[];
    };
    count += page.tasks.length;
    if (page.tasks.length < 50) return count;
  }
}

const EXACT = {
  links: TASKS + ISSUES,
  issues: TASKS + ISSUES,
  tasks: TASKS + ISSUES,
  failed: 0,
  deadLetters: 0,
  idle: true,
};

describe('the migration when a quota binds', () => {
  it('waits out Jira’s hourly points quota (jira-quota-global-based) and ends in exactly one pair per entity', async () => {
    const w = await worldWithUnpairedEntities({ jiraLimits: { quotaPointsPerHour: 100 } });
    const refusals = refusalsOf(w.platform.jira, jiraReason);
    const result = await migrate(w);
    expect(refusals).toContain('jira-quota-global-based');
    expect(result).toMatchObject(EXACT);
    expect(result.simulatedMs).toBeGreaterThan(HOUR);
  }, 300_000);

  it('waits out Bitrix24’s operating time (OPERATION_TIME_LIMIT) and ends in exactly one pair per entity', async () => {
    // 150 commands per method per 10 minutes: the people's 120 tasks fit, the migration's 80 more do not.
    const w = await worldWithUnpairedEntities({ b24Limits: { operatingSecondsPer10Min: 30 } });
    const refusals = refusalsOf(w.platform.b24, b24Reason);
    const result = await migrate(w);
    expect(refusals).toContain('OPERATION_TIME_LIMIT');
    expect(result).toMatchObject(EXACT);
  }, 300_000);

  it('waits out Forge’s queue push rate (RateLimitError) and ends in exactly one pair per entity', async () => {
    const w = await worldWithUnpairedEntities({ queueEventsPerMinute: 1 });
    const refused: string[] = [];
    const original = w.platform.runtime.forgeFetch.bind(w.platform.runtime);
    jest.spyOn(w.platform.runtime, 'forgeFetch').mockImplementation(async (target, path, init) => {
      const response = await original(target, path, init);
      if (path.startsWith('/webhook/queue/publish/') && response.status === 429) refused.push(path);
      return response;
    });
    const result = await migrate(w);
    expect(refused.length).toBeGreaterThan(0);
    expect(result).toMatchObject(EXACT);
  }, 300_000);
});
