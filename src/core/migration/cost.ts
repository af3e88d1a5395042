/**
 * What a migration will cost, from the dry run's counts: REST calls on each side and the time the services' quotas
 * allow. This first version models the CURRENT engine (one `pair-sync` job per unpaired entity, pages of 50 listed
 * one by one, jobs paced at SECONDS_PER_JOB); the bulk engine replaces the body, keeping the signature. Callers use
 * only the signature. The per-entity figures were measured on the local platform (test/migration/dry-run.test.ts
 * holds them to within 10% of a run) and include the app's own echo events (an id-only event per created entity,
 * read once and dismissed).
 */

export interface MigrationScope {
  /** Tasks of the paired workgroup and issues of the project, at the dry run. */
  tasks: number;
  issues: number;
  /** Tasks that will get a new issue, and issues that will get a new task. */
  issuesToCreate: number;
  tasksToCreate: number;
  /** Unpaired entities whose partner is found by its marker: paired, nothing created. */
  pairedByMarker: number;
}

export interface QuotaLimits {
  /** Bitrix24's leaky bucket (Standard plan: 2 requests/s, burst 50). */
  b24: { requestsPerSecond: number; burst: number };
  /** Jira Cloud's hourly points quota for apps: a request costs a base point, a read one more per object returned. */
  jira: { pointsPerHour: number; pointsPerCall: number; pointsPerObject: number };
  /** Seconds the engine leaves between two jobs it enqueues (its own pacing). */
  secondsPerJob: number;
}

export interface MigrationPrediction {
  calls: { jira: number; b24: number; total: number };
  seconds: number;
}

const PAGE = 50;

/**
 * Calls per job of the current engine, read off the platform's stats by endpoint (dry-run.test.ts):
 * - a task that gets an issue: marker search, create, read back (Jira); the task read (Bitrix24);
 * - an issue that gets a task: the issue read twice (the job finds its project, then reads it with the marker
 *   property); the XML_ID look-up list and tasks.task.add (Bitrix24);
 * - a pair found by marker: marker search, two issue reads and the first sync's write (Jira); two task reads.
 * The app's own creates echo back as id-only events that are dismissed without a call.
 */
const PER_ISSUE_CREATED = { jira: 3, b24: 1, jiraObjects: 1 };
const PER_TASK_CREATED = { jira: 2, b24: 2, jiraObjects: 2 };
const PER_MARKER_PAIR = { jira: 4, b24: 2, jiraObjects: 3 };

/** A side listed with `>ID` / nextPageToken paging: a short page (possibly empty) ends it. */
const b24Pages = (n: number): number => Math.floor(n / PAGE) + 1;
const jiraPages = (n: number): number => Math.max(1, Math.ceil(n / PAGE));

export function predictMigration(input: MigrationScope, limits: QuotaLimits): MigrationPrediction {
  // The Jira side is listed after the Bitrix24 side has been paired: it also lists the issues just created.
  const jira = jiraPages(input.issues + input.issuesToCreate) + input.issuesToCreate * PER_ISSUE_CREATED.jira
    + input.tasksToCreate * PER_TASK_CREATED.jira + input.pairedByMarker * PER_MARKER_PAIR.jira;
  const b24 = b24Pages(input.tasks) + input.issuesToCreate * PER_ISSUE_CREATED.b24
    + input.tasksToCreate * PER_TASK_CREATED.b24 + input.pairedByMarker * PER_MARKER_PAIR.b24;
  const objects = input.issues + input.issuesToCreate + input.issuesToCreate * PER_ISSUE_CREATED.jiraObjects
    + input.tasksToCreate * PER_TASK_CREATED.jiraObjects + input.pairedByMarker * PER_MARKER_PAIR.jiraObjects;
  const jobs = input.issuesToCreate + input.tasksToCreate + input.pairedByMarker;
  const paced = jobs * limits.secondsPerJob;
  const b24Bound = Math.max(0, b24 - limits.b24.burst) / limits.b24.requestsPerSecond;
  const points = jira * limits.jira.pointsPerCall + objects * limits.jira.pointsPerObject;
  const jiraBound = (points / limits.jira.pointsPerHour) * 3600;
  return { calls: { jira, b24, total: jira + b24 }, seconds: Math.ceil(Math.max(paced, b24Bound, jiraBound)) };
}
