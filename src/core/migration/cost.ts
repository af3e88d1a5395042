/**
 * The lower bound of an initial migration: the fewest REST calls and the least time N unpaired tasks and M unpaired
 * issues can be paired in, from the documented page and batch sizes and the services' quotas. Pure, so the dry run
 * can predict a run before it starts and the bench can print a run beside its bound.
 *
 * Why these calls and no fewer (the bulk engine in src/app/migration makes exactly these, plus retries):
 * - Jira side. Issues are read with `/search/jql` (100 per page with fields; the marker property and the comments
 *   come in the same page), tasks made through `batch` (50 `tasks.task.add` per call, `XML_ID` inside the add, the
 *   reply carries each task, so no read-back) and the issues' comments added through `batch` as well. Pages go by
 *   id below the first issue the run created (Jira ids only grow), so the issues the migration creates are never
 *   listed; the Bitrix24 side likewise lists below the first task the run created.
 * - Bitrix24 side. Tasks are read many pages per `batch` (`tasks.task.list` with `start` offsets, COMMENTS_COUNT in
 *   the select, so only tasks with comments have them read, 50 `task.commentitem.getlist` per batch). Issues are
 *   created 50 per `POST /issue/bulk` with the marker property in each element. Jira's create reply carries only
 *   id and key, and the pair's last-synced snapshot needs what Jira filled in (status, defaults), so the created
 *   issues are read back by `/search/jql` naming them in `reconcileIssues` (≤ 50 per call, read-after-write).
 *   `XML_ID` is set on the tasks 50 `tasks.task.update` per batch. Comments go to Jira one call each: Jira has no
 *   bulk comment endpoint.
 * - Statuses off the initial one: each hop is one call (`statusCalls`), made one by one after the create with the
 *   single path's moveIssueTo / moveTaskTo (plus its transitions read). Carrying the first Jira hop in the bulk
 *   create's `transition` would save one call per such issue; not done yet.
 * - Marks an older run left: a task's XML_ID naming an issue nobody paired pairs it instead of a second task, so
 *   the workgroup is listed once for them, 2,500 tasks a batch, before the first task is made (`markScan`).
 * - The hand-off: when both sides are done, one `tasks.task.list` finds Bitrix24's newest change time and one Jira
 *   search the versions of the issues written in the run's last minutes, from which reconciliation starts
 *   (src/app/reconcile/after-migration.ts), so it never re-reads what the run paired.
 * - Files (existing attachments) cannot be batched: each is a download and an upload. Measured per file, either
 *   way: 1 Jira call (the download or the upload) and 3 Bitrix24 calls (the task's scope read, and the Drive upload
 *   and attach, or the attached object's read and its download).
 * - Not part of the bound, but predicted: a pair whose partner an earlier, interrupted create left behind (found
 *   by its marker) is finished by the single path's pair-sync, measured at 4 Jira and 2 Bitrix24 calls; a person
 *   with no counterpart costs one look-up on the other side per run (the directory keeps only matches).
 * - Events: every task the migration adds or updates and every comment it adds in Bitrix24 fires an id-only event
 *   (Bitrix24 has no "ignore self"). Each is dismissed with no REST call (the link, the comment link or the echo the
 *   migration recorded for that task says it is ours). The XML_ID marks are announced before they are made, so the
 *   web trigger screens their events before queueing (src/app/sync/echo.ts); the adds and comments are
 *   counted as queued (an add's event may arrive before its link is saved), and the Forge queue's 500 events per
 *   minute per installation bounds them. Jira's events for the app's own writes are filtered by ignoreSelf.
 *
 * Time: the slowest of the quotas, each run at its limit in parallel with the others (the engine alternates the
 * sides page by page and paces each page against every quota's window: src/app/migration/page-pacing.ts).
 * - Bitrix24 operating time: 480 s per method per 10 minutes, at 0.2 s a command (Bitrix24 documents no cost per
 *   command; 0.2 s is the issue's assumption). A method used for c commands needs floor(c·0.2 / 480) full windows
 *   of 600 s before the last part runs, whatever the window (fixed or sliding).
 * - Bitrix24 leaky bucket: 2 requests/s after a burst of 50.
 * - Jira points: a call costs 1 point plus 1 per object it returns (writes 1); `jiraPointsPerHour` (Tier 1: 65,000,
 *   one pool for every site of the app) is spent at once and refilled each hour.
 * - Forge queue: `queueEventsPerMinute` events a minute per installation.
 */

export interface MigrationSize {
  /** Unpaired tasks in the workgroup (N): each gets an issue. */
  tasks: number;
  /** Unpaired issues in the project (M): each gets a task. */
  issues: number;
  /** Tasks and issues already paired: listed, nothing written. */
  pairedTasks?: number;
  pairedIssues?: number;
  /** Of the N tasks, how many have comments, and how many comments they have in all. */
  tasksWithComments?: number;
  taskComments?: number;
  /** Comments on the M issues (they come with the search page). */
  issueComments?: number;
  /** Status calls beyond what the creates carry: further Jira hops and Bitrix24 status actions. */
  statusCalls?: { jira?: number; b24?: number };
  /** Files attached to the tasks that get an issue, and to the issues that get a task. */
  taskFiles?: number;
  issueFiles?: number;
  /** Pairs found by marker and finished by the single path. */
  handedOver?: number;
  /** Distinct people with no counterpart: Bitrix24 people (looked up in Jira) and Jira people (in Bitrix24). */
  unmatchedPeople?: { b24?: number; jira?: number };
}

/** The single path's calls for a pair found by marker (measured on the local platform: test/migration/dry-run.test.ts). */
const HANDED_OVER = { jira: 4, b24: 2 };
/** Calls per file copied, either way (measured: test/migration/bulk.test.ts, "copies existing attachments"). */
const PER_FILE = { jira: 1, b24: 3 };

export interface MigrationLimits {
  tasksPerListPage: number;
  /**
   * tasks.task.list pages the engine reads per batch (one page job). Bitrix24 allows 50; the engine reads 9 (450
   * tasks), and Jira pages hold 90 issues (Jira allows 100), five per job: every task a Jira page adds fires one
   * event through the Forge queue, and a page's 450 events plus its comments must leave room, within the
   * queue's 500 a minute, for the events of people's edits during the run (a refused push loses a person's edit
   * until reconciliation). The price is a few calls: about 24 at 10,000 + 10,000, and 4% more queue time.
   */
  listPagesPerBatch: number;
  batchCommands: number;
  issuesPerBulkCreate: number;
  issuesPerSearchPage: number;
  /** Search pages per Jira page job. */
  searchPagesPerJob: number;
  reconcileIssuesPerSearch: number;
  b24RequestsPerSecond: number;
  b24Burst: number;
  b24OperatingSecondsPerWindow: number;
  b24WindowSeconds: number;
  b24SecondsPerCommand: number;
  jiraPointsPerHour: number;
  queueEventsPerMinute: number;
}

export const DEFAULT_LIMITS: MigrationLimits = {
  tasksPerListPage: 50,
  listPagesPerBatch: 9,
  batchCommands: 50,
  issuesPerBulkCreate: 50,
  issuesPerSearchPage: 90,
  searchPagesPerJob: 5,
  reconcileIssuesPerSearch: 50,
  b24RequestsPerSecond: 2,
  b24Burst: 50,
  b24OperatingSecondsPerWindow: 480,
  b24WindowSeconds: 600,
  b24SecondsPerCommand: 0.2,
  jiraPointsPerHour: 65_000,
  queueEventsPerMinute: 500,
};

export interface MigrationPrediction {
  calls: { jira: number; b24: number; total: number };
  /** The quota-bound minimum time, and which quota sets it. */
  seconds: number;
  boundBy: 'b24-operating-time' | 'b24-requests' | 'jira-points' | 'forge-queue' | 'none';
  /** Commands per Bitrix24 method (inside batches), events the migration's writes fire, Jira points. */
  b24Commands: Record<string, number>;
  events: number;
  jiraPoints: number;
}

const per = (count: number, size: number): number => (count <= 0 ? 0 : Math.ceil(count / size));

interface Plan {
  jiraCalls: number;
  jiraPoints: number;
  b24Calls: number;
  commands: Record<string, number>;
  events: number;
}

function jiraSide(s: Required<MigrationSize>, l: MigrationLimits, plan: Plan): void {
  const listed = s.issues + s.pairedIssues;
  const pages = Math.max(1, per(listed, l.issuesPerSearchPage));
  plan.jiraCalls += pages;
  plan.jiraPoints += pages + listed;
  plan.b24Calls += per(s.issues, l.batchCommands) + per(s.issueComments, l.batchCommands);
  plan.commands['tasks.task.add'] = s.issues;
  plan.commands['task.commentitem.add'] = s.issueComments;
  plan.events += s.issues + s.issueComments;
}

function b24Side(s: Required<MigrationSize>, l: MigrationLimits, plan: Plan): void {
  // Listed below the first task the Jira side created (ids only grow), so those are never listed.
  const listed = s.tasks + s.pairedTasks;
  // The last batch comes back short: that is how the engine knows it was the last.
  const batches = Math.floor(listed / (l.tasksPerListPage * l.listPagesPerBatch)) + 1;
  const pages = batches * l.listPagesPerBatch;
  plan.b24Calls += batches + per(s.tasksWithComments, l.batchCommands) + per(s.tasks, l.batchCommands);
  plan.commands['tasks.task.list'] = pages;
  plan.commands['task.commentitem.getlist'] = s.tasksWithComments;
  plan.commands['tasks.task.update'] = s.tasks;
  const creates = per(s.tasks, l.issuesPerBulkCreate);
  const readBacks = per(s.tasks, l.reconcileIssuesPerSearch);
  plan.jiraCalls += creates + readBacks + s.taskComments;
  plan.jiraPoints += creates + readBacks + s.tasks + s.taskComments;
}

/**
 * The XML_ID mark scan: Bitrix24 cannot filter by XML_ID, so before the first task is made the run lists the
 * workgroup once, 50 pages of 50 in each batch, for the marks an older run left (app/migration/task-marks.ts).
 * Only when some issue gets a task: otherwise no mark can pair anything.
 */
function markScan(s: Required<MigrationSize>, l: MigrationLimits, plan: Plan): void {
  if (s.issues <= 0) return;
  const batches = Math.floor((s.tasks + s.pairedTasks) / (l.tasksPerListPage * l.batchCommands)) + 1;
  plan.b24Calls += batches;
  plan.commands['tasks.task.list'] = (plan.commands['tasks.task.list'] ?? 0) + batches * l.batchCommands;
}

/** Seconds before `commands` of one method have all run under Bitrix24's operating-time window. */
function operatingSeconds(commands: number, l: MigrationLimits): number {
  const used = commands * l.b24SecondsPerCommand;
  if (used <= l.b24OperatingSecondsPerWindow) return 0;
  return Math.floor((used - 1e-9) / l.b24OperatingSecondsPerWindow) * l.b24WindowSeconds;
}

export function predictMigration(input: MigrationSize, limits: MigrationLimits = DEFAULT_LIMITS): MigrationPrediction {
  const s: Required<MigrationSize> = {
    pairedTasks: 0,
    pairedIssues: 0,
    tasksWithComments: 0,
    taskComments: 0,
    issueComments: 0,
    statusCalls: {},
    handedOver: 0,
    unmatchedPeople: {},
    taskFiles: 0,
    issueFiles: 0,
    ...input,
  };
  const plan: Plan = { jiraCalls: 0, jiraPoints: 0, b24Calls: 0, commands: {}, events: 0 };
  jiraSide(s, limits, plan);
  b24Side(s, limits, plan);
  markScan(s, limits, plan);
  plan.jiraCalls += s.statusCalls.jira ?? 0;
  plan.jiraPoints += s.statusCalls.jira ?? 0;
  plan.b24Calls += s.statusCalls.b24 ?? 0;
  plan.events += s.statusCalls.b24 ?? 0;
  plan.b24Calls += 1; // the hand-off to reconciliation
  plan.jiraCalls += 1;
  plan.jiraPoints += 1;
  plan.jiraCalls += s.handedOver * HANDED_OVER.jira + (s.unmatchedPeople.b24 ?? 0);
  plan.jiraPoints += s.handedOver * HANDED_OVER.jira + (s.unmatchedPeople.b24 ?? 0);
  plan.b24Calls += s.handedOver * HANDED_OVER.b24 + (s.unmatchedPeople.jira ?? 0);
  const files = s.taskFiles + s.issueFiles;
  plan.jiraCalls += files * PER_FILE.jira;
  plan.jiraPoints += files * PER_FILE.jira;
  plan.b24Calls += files * PER_FILE.b24;

  const bounds: [MigrationPrediction['boundBy'], number][] = [
    ['b24-operating-time', Math.max(0, ...Object.values(plan.commands).map((c) => operatingSeconds(c, limits)))],
    ['b24-requests', Math.max(0, (plan.b24Calls - limits.b24Burst) / limits.b24RequestsPerSecond)],
    ['jira-points', Math.floor(Math.max(0, plan.jiraPoints - 1) / limits.jiraPointsPerHour) * 3600],
    ['forge-queue', Math.max(0, Math.ceil(plan.events / limits.queueEventsPerMinute) - 1) * 60],
  ];
  const [boundBy, seconds] = bounds.reduce((a, b) => (b[1] > a[1] ? b : a), ['none', 0] as [
    MigrationPrediction['boundBy'],
    number,
  ]);
  return {
    calls: { jira: plan.jiraCalls, b24: plan.b24Calls, total: plan.jiraCalls + plan.b24Calls },
    seconds,
    boundBy,
    b24Commands: plan.commands,
    events: plan.events,
    jiraPoints: plan.jiraPoints,
  };
}
