/**
 * The dry run's page readers, one per phase: the issues carrying the app's marker, then the workgroup's tasks, then
 * the project's issues, each page read as the run would read it and every entity on it sorted into what the run
 * would do with it (already linked, paired by marker, created). Nothing is written but the returned record.
 */
import { isSealed, ISSUE_PROPERTY, parseMarker } from '../sync/marker-seal';
import { jqlProject } from '../../core/remote/queries';
import type { AppDeps } from '../deps';
import type { LinkStore } from '../store/links';
import { type Counting, countComments, countFiles, finish, taskToCreateFor, taskToMakeFor } from './dry-run-counts';
import { MAX_MARKED, type DryRun } from './dry-run-store';
import { ISSUE_PAGE, LIST_PAGES_PER_BATCH, TASK_PAGE } from './page-work';

const PAGE = 50;

export interface Scan extends Counting {
  deps: AppDeps;
  links: LinkStore;
}

export function scanPage(scan: Scan, run: DryRun): Promise<DryRun> {
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
  return finish(next, scan.deps.clock.now());
}
