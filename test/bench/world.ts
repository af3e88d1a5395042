/**
 * Measuring what the app spends on one change: a warmed world (one pair already synced, so the people involved are
 * matched and cached), a settle timed on the wall clock, and the app's REST calls read from the platform's stats.
 * The emulators run in-process, so the settle's wall time is processing time with no network in it.
 */
import type { PlatformStats } from '../../src/local/contracts';
import { actions, createWorld, PEOPLE, type World } from '../scenarios/harness';

export interface Pair {
  taskId: string;
  issueId: string;
}

export interface Warmed {
  w: World;
  a: ReturnType<typeof actions>;
  pair: Pair;
}

export interface Measured {
  stats: PlatformStats;
  /** Events delivered to the app's trigger and web trigger during the settle. */
  events: number;
  jobs: number;
  ms: number;
}

export interface Calls {
  jiraReads: number;
  jiraWrites: number;
  b24Reads: number;
  b24Writes: number;
}

export const totalOf = (c: Calls): number => c.jiraReads + c.jiraWrites + c.b24Reads + c.b24Writes;

export function callsOf(stats: PlatformStats): Calls {
  return {
    jiraReads: stats.jira.reads,
    jiraWrites: stats.jira.writes,
    b24Reads: stats.b24.reads,
    b24Writes: stats.b24.writes,
  };
}

/** Settles and reports the calls and time of that settle alone; throws if the platform did not come to rest. */
export async function measuredSettle(w: World): Promise<Measured> {
  w.platform.resetStats();
  const started = performance.now();
  const report = await w.platform.settle();
  const ms = performance.now() - started;
  if (!report.idle || report.deadLetters > 0 || report.failures.length > 0) {
    throw new Error(`the platform did not settle cleanly: ${JSON.stringify(report)}`);
  }
  return {
    stats: w.platform.stats(),
    events: report.jiraEventsDelivered + report.b24EventsDelivered,
    jobs: report.jobsRun,
    ms,
  };
}

/** A fresh world with one synced pair (created in Bitrix24 by Ben, responsible Chloe); returns the cold cost too. */
export async function warmWorld(): Promise<Warmed & { cold: Measured }> {
  const w = await createWorld();
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, {
    TITLE: 'Warm-up pair',
    RESPONSIBLE_ID: PEOPLE.chloe.b24,
    PRIORITY: '1',
  });
  const cold = await measuredSettle(w);
  const issueId = a.linkOfTask(taskId)?.issueId;
  if (!issueId) throw new Error('the warm-up task was not paired');
  return { w, a, pair: { taskId, issueId }, cold };
}

/** `GET /rest/api/3/issue/{id}×2` style detail, without the shared `/rest/api/3` prefix. */
export function detailOf(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name.replace('/rest/api/3', '')}×${n}`);
  return parts.length ? parts.join(', ') : '—';
}

export function median(values: readonly number[]): number {
  return [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/**
 * Runs `work` with the app's structured log lines (console.log) held back, so they do not bury the tables; the
 * lines are still produced, so their cost stays in the measured time. Returns how many were held back.
 */
export async function quietly<T>(work: () => Promise<T>): Promise<{ value: T; logLines: number }> {
  const original = console.log;
  let logLines = 0;
  console.log = () => {
    logLines++;
  };
  try {
    return { value: await work(), logLines };
  } finally {
    console.log = original;
  }
}
