/**
 * The migration's dry run: reads pages of both sides (nothing is written anywhere but its own record) and counts
 * what a run would find paired, pair by marker and create, which people and statuses will not map, and what the
 * run will cost. At 10,000 + 10,000 that is some 400 pages, which a resolver's 25 s cannot hold under Bitrix24's
 * 2 requests/s, so it runs as a job chain on the migration queue, DRY_RUN_PAGES_PER_JOB pages per job, and the tab
 * shows its record when done.
 */
import type { SyncConfig } from '../../core/config';
import { jiraStatusTarget, b24StatusTarget, readB24Status, readJiraStatus } from '../../core/mapping/status';
import { DEFAULT_LIMITS, predictMigration } from '../../core/migration/cost';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { AppDeps } from '../deps';
import { ISSUE_PROPERTY } from '../sync/create-counterpart';
import { isSealed, parseMarker } from '../sync/marker-seal';
import { jqlProject } from '../../core/remote/queries';
import { type LinkStore } from '../store/links';
import { UserDirectory } from '../user-directory';
import { isPairingListed } from '../pairing-access';
import { pairingToMigrate } from './start';
import { DryRunStore, freshDryRun, MAX_MARKED, type DryRun } from './dry-run-store';
import { toMigrationJobBody, type DryRunPageJob } from './jobs';
import { ISSUE_PAGE, LIST_PAGES_PER_BATCH, TASK_PAGE } from './page-work';
import { storesOf } from '../store/stores';

const DRY_RUN_PAGES_PER_JOB = 8;
const PAGE = 50;
/** A running dry run whose record has not moved for this long lost its job: Dry run may start it again. */
export const DRY_RUN_STALLED_MS = 5 * 60_000;

interface Scan {
  deps: AppDeps;
  config: SyncConfig;
  links: LinkStore;
  people: UserDirectory;
}

export async function startDryRun(deps: AppDeps, projectKey: string): Promise<DryRun> {
  await pairingToMigrate(deps, projectKey);
  const store = new DryRunStore(deps.kv);
  const current = await store.get(projectKey);
  const now = deps.clock.now();
  if (current?.state === 'running' && now - current.updatedAt < DRY_RUN_STALLED_MS) return current;
  const run = freshDryRun(deps.newId(), now);
  await store.save(projectKey, run);
  await pushDryRunPage(deps, { kind: 'dry-run-page', projectKey, dryRunId: run.id, step: 0 });
  return run;
}

export function readDryRun(deps: AppDeps, projectKey: string): Promise<DryRun | null> {
  return new DryRunStore(deps.kv).get(projectKey);
}

/** One job of the chain: up to DRY_RUN_PAGES_PER_JOB pages, then the record, then the next job. */
export async function runDryRunPage(deps: AppDeps, job: DryRunPageJob): Promise<void> {
  const store = new DryRunStore(deps.kv);
  const run = await store.get(job.projectKey);
  // A redelivered or superseded job: the record has moved on (or belongs to another dry run).
  if (run?.id !== job.dryRunId || run.state !== 'running' || run.step !== job.step) return;
  const config = await storesOf(deps).configs.get(job.projectKey);
  if (!config || !(await isPairingListed(deps, config))) {
    // Even reading a workgroup the project may not pair with would show its tasks' people and statuses on the tab.
    await store.save(job.projectKey, {
      ...run,
      state: 'failed',
      error: config ? 'not-listed' : 'not-configured',
      updatedAt: deps.clock.now(),
    });
    return;
  }
  const scan: Scan = {
    deps,
    config,
    links: storesOf(deps).links,
    people: new UserDirectory(deps.kv, deps.jira, deps.b24, config),
  };
  let next = run;
  let b24Pages = 0;
  for (let i = 0; i < DRY_RUN_PAGES_PER_JOB && next.state === 'running'; i += 1) {
    if (next.phase === 'b24') b24Pages += 1;
    next = await scanPage(scan, next);
  }
  next = { ...next, step: next.step + 1, updatedAt: deps.clock.now() };
  await store.save(job.projectKey, next);
  // Bitrix24's bucket drains 2 requests/s: the next job waits for the pages this one read there.
  if (next.state === 'running')
    await pushDryRunPage(deps, { ...job, step: next.step }, Math.ceil(b24Pages / DEFAULT_LIMITS.b24RequestsPerSecond));
}

/** A job out of retries: the tab says the dry run stopped (the error itself went to the log). */
export async function failDryRun(deps: AppDeps, job: DryRunPageJob): Promise<void> {
  const store = new DryRunStore(deps.kv);
  const run = await store.get(job.projectKey);
  if (run?.id === job.dryRunId && run.state === 'running')
    await store.save(job.projectKey, { ...run, state: 'failed', error: 'remote', updatedAt: deps.clock.now() });
}

async function pushDryRunPage(deps: AppDeps, job: DryRunPageJob, delaySeconds = 0): Promise<void> {
  await deps.migrationQueue.push([toMigrationJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
}

function scanPage(scan: Scan, run: DryRun): Promise<DryRun> {
  if (run.phase === 'markers') return markersPage(scan, run);
  return run.phase === 'b24' ? tasksPage(scan, run) : issuesPage(scan, run);
}

/** Issues carrying the app's marker (`!=` matches only issues that have the property) and the task each names. */
async function markersPage(scan: Scan, run: DryRun): Promise<DryRun> {
  const jql = `project = ${jqlProject(scan.config.projectKey)} AND issue.property[${ISSUE_PROPERTY}].taskId != "0" ORDER BY id ASC`;
  const page = await scan.deps.jira.searchJql(jql, {
    maxResults: PAGE,
    ...(run.cursor ? { nextPageToken: run.cursor } : {}),
  });
  const named = [...run.namedTaskIds];
  const marked = [...run.markedIssueIds];
  for (const issue of page.issues) {
    if (await scan.links.byIssue(issue.id)) continue;
    const marker = parseMarker(await scan.deps.jira.getIssueProperty(issue.id, ISSUE_PROPERTY));
    // The run takes only the app's own marker (sync/marker-trust.ts): one a person wrote pairs nothing.
    if (marker === null || marked.length >= MAX_MARKED || !(await isSealed(scan.deps, marker))) continue;
    named.push(marker.taskId);
    marked.push(issue.id);
  }
  const issues = { ...run.issues, marked: marked.length };
  const more = page.nextPageToken !== undefined;
  return {
    ...run,
    issues,
    namedTaskIds: named,
    markedIssueIds: marked,
    phase: more ? 'markers' : 'b24',
    cursor: more ? (page.nextPageToken ?? null) : null,
  };
}

/** Ten tasks.task.list pages in one batch, as the run reads them, with each task's comment count. */
async function tasksPage(scan: Scan, run: DryRun): Promise<DryRun> {
  const { pages, commentCounts } = await scan.deps.b24.listTaskPages({
    filter: { GROUP_ID: scan.config.b24GroupId, '>ID': run.cursor ?? '0' },
    order: { ID: 'asc' },
    starts: Array.from({ length: LIST_PAGES_PER_BATCH }, (_, i) => i * TASK_PAGE),
  });
  const tasks = pages.flat();
  let next: DryRun = { ...run, tasks: { ...run.tasks, total: run.tasks.total + tasks.length } };
  for (const task of tasks) {
    // A task a person unlinked is left as it is by the run (b24-page.ts), as a linked one is: counted with them.
    if ((await scan.links.byTask(task.id)) || (await scan.links.wasUnlinked('b24', task.id)))
      next = { ...next, tasks: { ...next.tasks, linked: next.tasks.linked + 1 } };
    else if (next.namedTaskIds.includes(task.id))
      next = { ...next, tasks: { ...next.tasks, namedByIssueMarker: next.tasks.namedByIssueMarker + 1 } };
    else if (task.xmlId !== null && /^\d{1,18}$/.test(task.xmlId)) {
      // The app writes XML_ID only on tasks it made for an issue: that issue is this task's partner.
      const ids = next.markedIssueIds.length < MAX_MARKED ? [...next.markedIssueIds, task.xmlId] : next.markedIssueIds;
      next = { ...next, tasks: { ...next.tasks, markedByXmlId: next.tasks.markedByXmlId + 1 }, markedIssueIds: ids };
    } else {
      next = countFiles(
        countComments(await taskToCreateFor(scan, next, task), 'task', commentCounts.get(task.id) ?? 0),
        'task',
        task.attachmentIds?.length ?? 0,
      );
    }
  }
  const last = tasks.length < LIST_PAGES_PER_BATCH * TASK_PAGE;
  return { ...next, phase: last ? 'jira' : 'b24', cursor: last ? null : (tasks.at(-1)?.id ?? run.cursor) };
}

function countFiles(run: DryRun, side: 'task' | 'issue', n: number): DryRun {
  if (n === 0) return run;
  const c = run.comments;
  return {
    ...run,
    comments: side === 'task' ? { ...c, taskFiles: c.taskFiles + n } : { ...c, issueFiles: c.issueFiles + n },
  };
}

function countComments(run: DryRun, side: 'task' | 'issue', n: number): DryRun {
  if (n === 0) return run;
  const c = run.comments;
  return {
    ...run,
    comments:
      side === 'task'
        ? { ...c, tasksWithComments: c.tasksWithComments + 1, taskComments: c.taskComments + n }
        : { ...c, issueComments: c.issueComments + n },
  };
}

/** Issues by id, 100 a page with their comments, as the run reads them. */
async function issuesPage(scan: Scan, run: DryRun): Promise<DryRun> {
  const after = run.cursor !== null && /^\d+$/.test(run.cursor) ? run.cursor : '0';
  const page = await scan.deps.jira.searchIssues(
    `project = ${jqlProject(scan.config.projectKey)} AND id > ${after} ORDER BY id ASC`,
    {
      properties: [],
      withComments: true,
      withAttachments: true,
      maxResults: ISSUE_PAGE,
    },
  );
  let next: DryRun = { ...run, issues: { ...run.issues, total: run.issues.total + page.items.length } };
  for (const { issue, comments, attachments } of page.items) {
    if ((await scan.links.byIssue(issue.id)) || (await scan.links.wasUnlinked('jira', issue.id)))
      next = { ...next, issues: { ...next.issues, linked: next.issues.linked + 1 } };
    else if (next.markedIssueIds.includes(issue.id))
      next = { ...next, issues: { ...next.issues, byMarker: next.issues.byMarker + 1 } };
    else
      next = countFiles(
        countComments(await taskToMakeFor(scan, next, issue), 'issue', comments?.length ?? 0),
        'issue',
        attachments?.length ?? 0,
      );
  }
  if (page.nextPageToken !== undefined && page.items.length === ISSUE_PAGE)
    return { ...next, cursor: page.items.at(-1)?.issue.id ?? after };
  return finish(scan.deps, next);
}

/** A task that will get a new issue: will its people and its status reach Jira? */
async function taskToCreateFor(scan: Scan, run: DryRun, task: B24Task): Promise<DryRun> {
  let next = run;
  for (const id of new Set([task.responsibleId, task.createdBy].filter((p) => p !== '' && p !== '0'))) {
    next = await countPerson(next, `b24:${id}`, 'b24', async () => scan.people.jiraFor(id));
  }
  const status = readB24Status(task.status, task.userFields, scan.config.statuses);
  return jiraStatusTarget(status, scan.config.statuses) === null ? countStatus(next, 'b24', task.status) : next;
}

/** An issue that will get a new task: will its people and its status reach Bitrix24? */
async function taskToMakeFor(scan: Scan, run: DryRun, issue: JiraIssue): Promise<DryRun> {
  let next = run;
  const people = [issue.fields.assignee, issue.fields.reporter].filter((p) => p !== null);
  for (const accountId of new Set(people.map((p) => p.accountId))) {
    next = await countPerson(next, `jira:${accountId}`, 'jira', async () => scan.people.b24For(accountId));
  }
  const status = readJiraStatus(issue.fields.status.name, scan.config.statuses);
  return b24StatusTarget(status, scan.config.statuses) === null
    ? countStatus(next, 'jira', issue.fields.status.name)
    : next;
}

/** Each person is looked up once per dry run (the directory caches what it learns for the run itself). */
async function countPerson(
  run: DryRun,
  key: string,
  side: 'b24' | 'jira',
  lookUp: () => Promise<{ matched: true; id: string } | { matched: false; name: string }>,
): Promise<DryRun> {
  const known = run.people[key];
  if (known) return { ...run, people: { ...run.people, [key]: { ...known, count: known.count + 1 } } };
  const found = await lookUp();
  const name = found.matched ? found.id : found.name;
  return { ...run, people: { ...run.people, [key]: { side, name, count: 1, matched: found.matched } } };
}

function countStatus(run: DryRun, side: 'b24' | 'jira', name: string): DryRun {
  const key = `${side}-status:${name}`;
  const count = (run.statuses[key]?.count ?? 0) + 1;
  return { ...run, statuses: { ...run.statuses, [key]: { side, name, count } } };
}

/** The run's calls follow from the counts (src/core/migration/cost.ts). */
function finish(deps: AppDeps, run: DryRun): DryRun {
  const scope = {
    tasks: run.tasks.total,
    issues: run.issues.total,
    issuesToCreate: run.tasks.total - run.tasks.linked - run.tasks.namedByIssueMarker - run.tasks.markedByXmlId,
    tasksToCreate: run.issues.total - run.issues.linked - run.issues.byMarker,
    pairedByMarker: run.issues.marked + run.tasks.markedByXmlId,
  };
  const predicted = predictMigration({
    tasks: scope.issuesToCreate,
    issues: scope.tasksToCreate,
    pairedTasks: scope.tasks - scope.issuesToCreate,
    pairedIssues: scope.issues - scope.tasksToCreate,
    ...run.comments,
    handedOver: scope.pairedByMarker,
    unmatchedPeople: {
      b24: Object.values(run.people).filter((p) => !p.matched && p.side === 'b24').length,
      jira: Object.values(run.people).filter((p) => !p.matched && p.side === 'jira').length,
    },
  });
  return {
    ...run,
    state: 'done',
    finishedAt: deps.clock.now(),
    cursor: null,
    prediction: { scope, calls: predicted.calls, seconds: predicted.seconds },
  };
}
