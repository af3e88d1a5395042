/**
 * The app tells the time of the platform that runs it. On Forge nothing is published and it reads Date.now; under
 * the local platform its journal, its records and its log lines carry the simulated time, however far that clock
 * jumped from the wall clock, and each platform in one process keeps its own time.
 */
import { appClock } from '../../src/entry/clock';
import { PLATFORM_CLOCK } from '../../src/ports/clock';
import { createWorld, pairedTask, PEOPLE, type World } from '../scenarios/harness';

const DAY = 86_400_000;

/** Runs `fn` with the platform's clock (the installed getter) replaced by `value`, then puts the getter back. */
function withPublished<T>(value: unknown, fn: () => T): T {
  const installed = Object.getOwnPropertyDescriptor(globalThis, PLATFORM_CLOCK);
  Object.defineProperty(globalThis, PLATFORM_CLOCK, { value, configurable: true });
  try {
    return fn();
  } finally {
    if (installed) Object.defineProperty(globalThis, PLATFORM_CLOCK, installed);
    else delete (globalThis as Record<symbol, unknown>)[PLATFORM_CLOCK];
  }
}

describe('the entry clock', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads Date.now when no platform published a clock (Forge)', () => {
    jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    expect(withPublished(undefined, () => appClock.now())).toBe(1_700_000_000_000);
  });

  it('reads the published clock when there is one', () => {
    jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    expect(withPublished({ now: () => 42 }, () => appClock.now())).toBe(42);
  });
});

/** The journal entries a Bitrix24 rename a day later leaves behind, and the simulated time span it ran in. */
async function renameADayLater(
  w: World,
  taskId: string,
  title: string,
): Promise<{ from: number; to: number; journal: number[] }> {
  const kvs = w.platform.kvs;
  const before = new Set(kvs.keys());
  w.clock.advance(DAY);
  const from = w.clock.now();
  await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: title } });
  await w.settle();
  const journal = kvs
    .keys()
    .filter((k) => k.startsWith('journal:') && !before.has(k))
    .map((k) => (kvs.peek(k) as { at: number }).at);
  return { from, to: w.clock.now(), journal };
}

/** The timestamps of the log lines the app writes refusing a forged Bitrix24 event (a warning). */
async function logTimesOfForgedEvent(w: World): Promise<number[]> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  // Tests run with LOG_LEVEL=error; the refusal is a warning.
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'warn';
  try {
    const { domain, memberId } = w.platform.seed.b24;
    const body = new URLSearchParams({
      event: 'ONTASKUPDATE',
      'data[FIELDS_BEFORE][ID]': '1',
      'data[FIELDS_AFTER][ID]': '1',
      'auth[domain]': domain,
      'auth[member_id]': memberId,
      'auth[application_token]': 'forged',
    });
    const response = await w.platform.webtrigger(
      'b24-events',
      new Request('https://local-forge.test/webtrigger/b24-events', { method: 'POST', body: body.toString() }),
    );
    expect(response.status).toBe(401);
  } finally {
    log.mockRestore();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  }
  return lines.map((l) => Date.parse((JSON.parse(l) as { ts: string }).ts));
}

function expectWithin(times: number[], from: number, to: number): void {
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) {
    expect(t).toBeGreaterThanOrEqual(from);
    expect(t).toBeLessThanOrEqual(to);
  }
}

describe('the app under the local platform', () => {
  it("stamps its journal and its log lines with the platform's simulated time after a jump of a day", async () => {
    const w = await createWorld();
    const { taskId } = await pairedTask(w);
    const { from, to, journal } = await renameADayLater(w, taskId, 'Renamed a day later');
    expectWithin(journal, from, to);
    w.clock.advance(DAY);
    expect(await logTimesOfForgedEvent(w)).toEqual([w.clock.now()]);
  });

  it('tells each platform its own time when one process runs two', async () => {
    const first = await createWorld();
    const second = await createWorld();
    const [a, b] = [await pairedTask(first), await pairedTask(second)];
    // The second platform, created last, is the active one; the first runs ahead of it by a week.
    first.clock.advance(7 * DAY);
    const one = await renameADayLater(first, a.taskId, 'Renamed on the first');
    expectWithin(one.journal, one.from, one.to);
    const two = await renameADayLater(second, b.taskId, 'Renamed on the second');
    expectWithin(two.journal, two.from, two.to);
    expect(await logTimesOfForgedEvent(first)).toEqual([first.clock.now()]);
  });
});
