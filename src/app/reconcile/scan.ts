/**
 * One reconciliation scan of a project, page by page: Bitrix24 tasks of the paired workgroup changed since the
 * window's start (keyset paging on ID, so tasks changing while we list cannot shift a page), then Jira issues of
 * the project updated since then. Each page's jobs are pushed before the next page is read, so a scan cut short
 * by its page budget loses nothing: the caller continues it from the returned state.
 */
import type { SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { toJobBody, type SyncJob } from '../sync-jobs';
import type { ReconcileScan } from './jobs';
import { type CommentLinkStore } from '../store/comment-links';
import { nextPageDelay, paceJobs } from './pacing';
import { commentEditJobs, missedB24CommentJobs } from './comment-edits';
import type { ReconcileCursor } from './cursor-store';
import { PairJobPlanner } from './pair-jobs';
import { taskUserFields } from '../sync/read-sides';
import { taskVersion, trimVersions } from './versions';
import { b24FilterDate, jqlProject, jqlSince } from '../../core/remote/queries';
import { nextCursor, OVERLAP_MS, type ReconcileWindow } from './window';
import { storesOf } from '../store/stores';

/** Bitrix24 pages are fixed at 50 rows; Jira's default is the same. */
export const PAGE_SIZE = 50;

export interface ScanCounts {
  tasks: number;
  issues: number;
  /** Listed but still at the version the previous run enqueued. */
  unchanged: number;
  pairJobs: number;
  commentJobs: number;
  pages: number;
}

export interface ScanOutcome {
  scan: ReconcileScan;
  complete: boolean;
  counts: ScanCounts;
  /** A continuation should wait this long, until the jobs pushed so far have had their turn. */
  queuedSeconds: number;
}

export function newScan(
  config: SyncConfig,
  window: ReconcileWindow,
  cursor: ReconcileCursor | null,
  b24Since: number,
): ReconcileScan {
  const jql = `project = ${jqlProject(config.projectKey)} AND updated >= ${jqlSince(window.since, window.startedAt)} ORDER BY id ASC`;
  return {
    since: window.since,
    startedAt: window.startedAt,
    b24: { since: b24Since, lastId: '0', done: false },
    jira: { jql, done: false },
    previous: cursor?.previous ?? { b24: {}, jira: {} },
    seen: { b24: {}, jira: {} },
    continued: false,
  };
}

/**
 * The cursor after a complete scan. Bitrix24's moves to its newest change seen minus the overlap (its own clock),
 * unless the scan spanned invocations: a task passed early and changed later could then be older than that, so the
 * window stays and the remembered versions keep the rescan cheap.
 */
export function cursorAfter(scan: ReconcileScan): Required<Omit<ReconcileCursor, 'pendingSince'>> {
  const b24Since =
    scan.continued || scan.b24.mark === undefined
      ? scan.b24.since
      : Math.max(scan.b24.since, scan.b24.mark - OVERLAP_MS);
  return {
    since: nextCursor(scan),
    b24Since,
    previous: { b24: trimVersions(scan.seen.b24, b24Since), jira: trimVersions(scan.seen.jira) },
  };
}

const newest = (times: string[], current: number | undefined): number | undefined =>
  times
    .map((t) => Date.parse(t))
    .reduce<number | undefined>((max, t) => (Number.isNaN(t) || (max !== undefined && max >= t) ? max : t), current);

class ScanRun {
  readonly counts: ScanCounts = { tasks: 0, issues: 0, unchanged: 0, pairJobs: 0, commentJobs: 0, pages: 0 };
  private readonly planner: PairJobPlanner;
  private readonly commentLinks: CommentLinkStore;
  /** How far into the future this invocation's pushes already reach. */
  queuedSeconds = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly config: SyncConfig,
    public scan: ReconcileScan,
  ) {
    this.planner = new PairJobPlanner(storesOf(deps).links, 'reconcile');
    this.commentLinks = storesOf(deps).commentLinks;
  }

  async b24Page(): Promise<void> {
    const { b24 } = this.scan;
    // One batch with each task's comment count, so comments are read only where there are some, 50 a batch: an
    // invocation's external requests per runtime minute are limited (src/local/README.md).
    const { pages, commentCounts } = await this.deps.b24.listTaskPages({
      filter: { GROUP_ID: this.config.b24GroupId, '>=CHANGED_DATE': b24FilterDate(b24.since), '>ID': b24.lastId },
      order: { ID: 'asc' },
      starts: [0],
      // Selected so that an edit of a mapped field changes the task's version too.
      userFields: taskUserFields(this.config),
    });
    const tasks = pages.flat();
    const jobs: SyncJob[] = [];
    const withComments: string[] = [];
    for (const task of tasks) {
      const version = taskVersion(task);
      this.scan.seen.b24[task.id] = version;
      if (this.scan.previous.b24[task.id] === version) this.counts.unchanged += 1;
      else {
        const { job, linked } = await this.planner.forTask(task.id);
        if (job) jobs.push(job);
        if (linked && commentCounts.has(task.id)) withComments.push(task.id);
      }
    }
    jobs.push(...(await this.missedComments(withComments)));
    await this.push(jobs);
    this.counts.tasks += tasks.length;
    const mark = newest(
      tasks.map((t) => t.changedDate),
      b24.mark,
    );
    const lastId = tasks.at(-1)?.id ?? b24.lastId;
    this.scan = {
      ...this.scan,
      b24: { since: b24.since, ...(mark === undefined ? {} : { mark }), lastId, done: tasks.length < PAGE_SIZE },
    };
  }

  /** Jobs for the comments of these linked tasks whose events were lost; a list that could not be read waits. */
  private async missedComments(taskIds: string[]): Promise<SyncJob[]> {
    const jobs: SyncJob[] = [];
    const lists = await this.deps.b24.getCommentLists(taskIds);
    for (const [i, taskId] of taskIds.entries()) {
      const list = lists[i];
      if (!list?.ok) {
        // The task's version is recorded as seen either way; its comments are looked at by the next link sweep.
        this.deps.log.warn('reconcile could not read comments', { taskId, error: list?.error.message ?? 'no answer' });
        continue;
      }
      const missed = await missedB24CommentJobs(list.value, this.commentLinks, taskId);
      this.counts.commentJobs += missed.length;
      jobs.push(...missed);
    }
    return jobs;
  }

  async jiraPage(): Promise<void> {
    const { jira } = this.scan;
    const page = await this.deps.jira.searchJql(jira.jql, {
      maxResults: PAGE_SIZE,
      ...(jira.token ? { nextPageToken: jira.token } : {}),
    });
    const jobs: SyncJob[] = [];
    for (const issue of page.issues) {
      this.scan.seen.jira[issue.id] = issue.fields.updated;
      if (this.scan.previous.jira[issue.id] === issue.fields.updated) {
        this.counts.unchanged += 1;
        continue;
      }
      const { job, linked } = await this.planner.forIssue(issue.id);
      if (job) jobs.push(job);
      if (linked) {
        const edits = await commentEditJobs(this.deps.jira, this.commentLinks, {
          id: issue.id,
          projectKey: this.config.projectKey,
        });
        this.counts.commentJobs += edits.length;
        jobs.push(...edits);
      }
    }
    await this.push(jobs);
    this.counts.issues += page.issues.length;
    this.scan = {
      ...this.scan,
      jira: { jql: jira.jql, ...(page.nextPageToken ? { token: page.nextPageToken } : {}), done: !page.nextPageToken },
    };
  }

  /** Spread like the migration's, after the jobs earlier pages of this invocation already queued. */
  private async push(jobs: SyncJob[]): Promise<void> {
    this.counts.pages += 1;
    this.counts.pairJobs += jobs.filter((j) => j.kind === 'pair-sync').length;
    for (const batch of paceJobs(jobs, this.queuedSeconds)) {
      await this.deps.syncQueue.push(
        batch.items.map(toJobBody),
        batch.delaySeconds > 0 ? { delaySeconds: batch.delaySeconds } : {},
      );
    }
    this.queuedSeconds += nextPageDelay(jobs.length);
  }
}

/** Lists at most `maxPages` pages (Bitrix24 first), enqueueing as it goes. */
export async function scanPages(
  deps: AppDeps,
  config: SyncConfig,
  scan: ReconcileScan,
  maxPages: number,
): Promise<ScanOutcome> {
  const run = new ScanRun(deps, config, { ...scan, seen: { b24: { ...scan.seen.b24 }, jira: { ...scan.seen.jira } } });
  while (run.counts.pages < maxPages) {
    if (!run.scan.b24.done) await run.b24Page();
    else if (!run.scan.jira.done) await run.jiraPage();
    else break;
  }
  const complete = run.scan.b24.done && run.scan.jira.done;
  return {
    scan: complete ? run.scan : { ...run.scan, continued: true },
    complete,
    counts: run.counts,
    queuedSeconds: run.queuedSeconds,
  };
}
