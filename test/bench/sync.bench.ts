/**
 * Sync cost: for each kind of change, the REST calls the app makes on each side against
 * the minimum that change needs, the processing time per event, and the calls of a second, read-only settle.
 * A measurement, not a test: it prints and never fails on a figure (only on a world that does not settle).
 */
import { adfText, PEOPLE } from '../scenarios/harness';
import {
  callsOf,
  detailOf,
  measuredSettle,
  median,
  quietly,
  totalOf,
  warmWorld,
  type Calls,
  type Measured,
  type Warmed,
} from './world';

/** Each scenario runs in this many fresh worlds: calls must agree, time is the median. */
const REPEATS = 5;

interface Minimum extends Calls {
  why: string;
}

interface Scenario {
  name: string;
  min: Minimum;
  /** Further warming, not measured (e.g. a first issue from Jira, so the integration user is matched too). */
  prepare?(world: Warmed): Promise<void>;
  change(world: Warmed): Promise<void>;
}

const min = (jira: [number, number], b24: [number, number], why: string): Minimum => ({
  jiraReads: jira[0],
  jiraWrites: jira[1],
  b24Reads: b24[0],
  b24Writes: b24[1],
  why,
});

// Bitrix24 events carry only ids and Bitrix24 has no ignoreSelf, so an update we make there comes back as an event
// that costs one read before it can be recognised as our own; Jira drops our own events before they reach us.
const ECHO = '+1 B24 read: the echo of our write (id-only event)';

const CREATED_IN_JIRA = min(
  [1, 0],
  [0, 1],
  'read issue, tasks.task.add with XML_ID (reply = the task); OnTaskAdd of a linked task needs no read',
);
const createSecondIssue = ({ a }: Warmed): Promise<void> =>
  a
    .createIssue(PEOPLE.ben.email, { summary: 'Second issue', assignee: { accountId: PEOPLE.chloe.accountId } })
    .then(() => undefined);

/**
 * A change whose Bitrix24 delivery is replayed: every copy is sent to the web trigger before the job runs, as a
 * replaying attacker (or a burst of duplicates) would; the copies must add no job, no read and no retry.
 */
async function deliveredTimes(world: Warmed, times: number, change: (world: Warmed) => Promise<void>): Promise<void> {
  const runtime = world.w.platform.runtime;
  const deliver = runtime.deliverB24.bind(runtime);
  const seen: Request[] = [];
  runtime.deliverB24 = (request: Request) => {
    seen.push(request.clone());
    deliver(request);
  };
  await change(world);
  runtime.deliverB24 = deliver;
  for (const request of seen) {
    const body = await request.text();
    const key = new URL(request.url).pathname.split('/')[2] ?? '';
    for (let i = 1; i < times; i += 1)
      await world.w.platform.webtrigger(
        key,
        new Request(request.url, { method: 'POST', headers: request.headers, body }),
      );
  }
}

const renameTask = ({ w, pair }: Warmed): Promise<void> =>
  w
    .b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: pair.taskId, fields: { TITLE: 'Renamed in Bitrix24' } })
    .then(() => undefined);

const SCENARIOS: Scenario[] = [
  {
    name: 'B24 title edit',
    min: min([1, 1], [1, 0], 'read task (event = id), read issue (concurrent edit), PUT issue'),
    change: renameTask,
  },
  {
    name: 'B24 title edit, event delivered 300 times',
    min: min([1, 1], [1, 0], 'as one delivery: the 299 copies find its job waiting and add none (no read, no retry)'),
    change: (world) => deliveredTimes(world, 300, renameTask),
  },
  {
    name: 'Jira summary edit',
    min: min([1, 0], [2, 1], `read issue, read task (concurrent edit), tasks.task.update; ${ECHO}`),
    change: ({ w, pair }) =>
      w
        .jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, {
          fields: { summary: 'Renamed in Jira' },
        })
        .then(() => undefined),
  },
  {
    name: 'B24 status: start',
    min: min([1, 1], [1, 0], 'read task, GET issue?expand=transitions (state + transition ids), one transition'),
    change: ({ w, pair }) => w.b24(PEOPLE.chloe.b24, 'tasks.task.start', { taskId: pair.taskId }).then(() => undefined),
  },
  {
    name: 'Jira To Do → In Progress',
    min: min([1, 0], [2, 1], `read issue, read task, tasks.task.start; ${ECHO}`),
    change: ({ a, pair }) => a.transitionIssue(PEOPLE.chloe.email, pair.issueId, 'In Progress'),
  },
  {
    name: 'B24 complete: Jira To Do → Done (2 hops)',
    min: min([2, 2], [1, 0], 'read task, issue+transitions, hop, transitions from the new status, hop'),
    change: ({ w, pair }) =>
      w.b24(PEOPLE.ben.b24, 'tasks.task.complete', { taskId: pair.taskId }).then(() => undefined),
  },
  {
    name: 'B24 comment',
    min: min([0, 1], [1, 0], 'read the comment (event = ids), POST comment; storage says it is new'),
    change: ({ w, pair }) =>
      w
        .b24(PEOPLE.ben.b24, 'task.commentitem.add', [pair.taskId, { POST_MESSAGE: 'Numbers [B]checked[/B]' }])
        .then(() => undefined),
  },
  {
    name: 'Jira comment',
    min: min(
      [2, 0],
      [1, 1],
      "read the comment and the issue (a security level holds it back), read the task's workgroup (a task moved out of the pairing must not receive it), task.commentitem.add; its echo is known by the stored comment link",
    ),
    change: ({ w, pair }) =>
      w
        .jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${pair.issueId}/comment`, { body: adfText('Looks good') })
        .then(() => undefined),
  },
  {
    name: 'task created in B24',
    min: min(
      [1, 1],
      [1, 0],
      'read task, POST issue with marker property, read back (create reply lacks defaults: status…)',
    ),
    change: ({ a }) =>
      a.createTask(PEOPLE.ben.b24, { TITLE: 'Second task', RESPONSIBLE_ID: PEOPLE.chloe.b24 }).then(() => undefined),
  },
  {
    name: 'issue created in Jira',
    min: CREATED_IN_JIRA,
    prepare: async ({ w, a }) => {
      await a.createIssue(PEOPLE.ben.email, {
        summary: 'First issue from Jira',
        assignee: { accountId: PEOPLE.chloe.accountId },
      });
      await w.settle();
    },
    change: createSecondIssue,
  },
  {
    name: 'issue from Jira, 1st (integration user new)',
    min: CREATED_IN_JIRA,
    change: createSecondIssue,
  },
  {
    name: 'B24 assignee change',
    min: min([1, 1], [1, 0], 'read task, read issue, PUT issue (people cached)'),
    change: ({ w, pair }) =>
      w
        .b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId: pair.taskId, fields: { RESPONSIBLE_ID: PEOPLE.ben.b24 } })
        .then(() => undefined),
  },
  {
    name: 'Jira due date change',
    min: min([1, 0], [2, 1], `read issue, read task, tasks.task.update; ${ECHO}`),
    change: ({ w, pair }) =>
      w
        .jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, { fields: { duedate: '2026-12-31' } })
        .then(() => undefined),
  },
  {
    name: 'idle settle (no change)',
    min: min([0, 0], [0, 0], 'nothing changed'),
    change: () => Promise.resolve(),
  },
];

interface Run {
  first: Measured;
  second: Measured;
}

async function runOnce(scenario: Scenario): Promise<Run> {
  const world = await warmWorld();
  if (scenario.prepare) await scenario.prepare(world);
  await scenario.change(world);
  const first = await measuredSettle(world.w);
  const second = await measuredSettle(world.w);
  return { first, second };
}

const rw = (r: number, w: number): string => `${r}/${w}`;
const sameCalls = (x: Measured, y: Measured): boolean => JSON.stringify(x.stats) === JSON.stringify(y.stats);
const perEvent = (m: Measured): number => m.ms / Math.max(1, m.events);

function cells(values: readonly (string | number)[], widths: readonly number[]): string {
  return values
    .map((v, i) => String(v).padEnd(widths[i] ?? 0))
    .join(' ')
    .trimEnd();
}

const WIDTHS = [44, 8, 7, 5, 16, 6, 6, 9, 6, 0];
const HEAD = [
  'change',
  'Jira r/w',
  'B24 r/w',
  'calls',
  'minimum J|B',
  'excess',
  'events',
  'ms/event',
  '2nd',
  'why this minimum',
];

function rowOf(name: string, runs: readonly Run[], minimum: Minimum): string {
  const [run] = runs;
  if (!run) return name;
  const c = callsOf(run.first.stats);
  const excess = totalOf(c) - totalOf(minimum);
  const varies = runs.some((r) => !sameCalls(r.first, run.first)) ? ' (calls vary between runs!)' : '';
  const ms = median(runs.map((r) => perEvent(r.first)));
  return cells(
    [
      name,
      rw(c.jiraReads, c.jiraWrites),
      rw(c.b24Reads, c.b24Writes),
      totalOf(c),
      `${rw(minimum.jiraReads, minimum.jiraWrites)}|${rw(minimum.b24Reads, minimum.b24Writes)} =${totalOf(minimum)}`,
      excess > 0 ? `+${excess}` : String(excess),
      run.first.events,
      ms.toFixed(1),
      totalOf(callsOf(run.second.stats)),
      minimum.why + varies,
    ],
    WIDTHS,
  );
}

function printDetail(name: string, m: Measured): void {
  const batch = Object.keys(m.stats.b24.batchCommands).length ? ` (batch: ${detailOf(m.stats.b24.batchCommands)})` : '';
  console.log(`  ${name.padEnd(44)} Jira: ${detailOf(m.stats.jira.byEndpoint)}`);
  console.log(`  ${''.padEnd(44)} B24:  ${detailOf(m.stats.b24.byMethod)}${batch}`);
}

async function measureAll(): Promise<{ results: [Scenario, Run[]][]; coldRuns: Measured[] }> {
  // One unmeasured run first, so the first row does not pay for loading and compiling the app.
  await runOnce(SCENARIOS[0] ?? { name: 'none', min: min([0, 0], [0, 0], ''), change: () => Promise.resolve() });
  const results: [Scenario, Run[]][] = [];
  for (const scenario of SCENARIOS) {
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runOnce(scenario));
    results.push([scenario, runs]);
  }
  // The cold cost is the warm-up itself: a task created in Bitrix24 with nobody matched or cached yet.
  const coldRuns: Measured[] = [];
  for (let i = 0; i < REPEATS; i++) coldRuns.push((await warmWorld()).cold);
  return { results, coldRuns };
}

export async function benchSync(): Promise<void> {
  const started = performance.now();
  console.log(
    `\nSync cost per change (warm world: one pair already synced; ${REPEATS} fresh worlds per row, median ms/event; no network)`,
  );
  const { value: measured, logLines } = await quietly(measureAll);
  const { results, coldRuns } = measured;
  const cold = coldRuns[0];
  console.log(cells(HEAD, WIDTHS));
  for (const [scenario, runs] of results) console.log(rowOf(scenario.name, runs, scenario.min));
  if (cold) {
    const c = callsOf(cold.stats);
    const ms = median(coldRuns.map(perEvent));
    console.log(
      cells(
        [
          'cold: task created in B24, empty caches',
          rw(c.jiraReads, c.jiraWrites),
          rw(c.b24Reads, c.b24Writes),
          totalOf(c),
          '—',
          '—',
          cold.events,
          ms.toFixed(1),
          '—',
          'matching Ben and Chloe: user.get + user/search each',
        ],
        WIDTHS,
      ),
    );
  }
  console.log(
    '\nCalls by endpoint / method (first run of each row; "2nd" above = calls of a second settle, which must be 0):',
  );
  for (const [scenario, runs] of results) if (runs[0]) printDetail(scenario.name, runs[0].first);
  if (cold) printDetail('cold: task created in B24', cold);
  console.log(
    `\nms/event = settle wall time / events delivered; it includes the in-process emulators answering the calls and the app's ${logLines} log lines (held back).`,
  );
  console.log(
    `A B24 batch counts as one call (a write in the stats). Wall time of this bench: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
