/**
 * One reconciliation scan of a project, page by page: Bitrix24 tasks of the paired workgroup changed since the
 * window's start (keyset paging on ID, so tasks changing while we list cannot shift a page), then Jira issues of
 * the project updated since then. Each page's jobs are pushed before the next page is read, so a scan cut short
 * by its page budget loses nothing: the caller continues it from the returned state.
 */
import type { SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { toJobBody, type SyncJob } from '../jobs';
import type { ReconcileScan } from '../migration/jobs';
import { CommentLinkStore } from '../store/comment-links';
import { LinkStore } from '../store/links';
import { commentEditJobs } from './comment-edits';
import { PairJobPlanner } from './pair-jobs';
import { b24FilterDate, jqlProject, jqlSince, type ReconcileWindow } from './window';

/** Bitrix24 pages are fixed at 50 rows; Jira's default is the same. */
export const PAGE_SIZE = 50;

export interface ScanCounts {
  tasks: number;
  issues: number;
  pairJobs: number;
  commentJobs: number;
  pages: number;
}

export interface ScanOutcome {
  scan: ReconcileScan;
  complete: boolean;
  counts: ScanCounts;
}

export function newScan(config: SyncConfig, window: ReconcileWindow): ReconcileScan {
  const jql = `project = ${jqlProject(config.projectKey)} AND updated >= ${jqlSince(window.since, window.startedAt)} ORDER BY id ASC`;
  return { since: window.since, startedAt: window.startedAt, b24: { lastId: '0', done: false }, jira: { jql, done: false } };
}

class ScanRun {
  readonly counts: ScanCounts = { tasks: 0, issues: 0, pairJobs: 0, commentJobs: 0, pages: 0 };
  private readonly planner: PairJobPlanner;
  private readonly commentLinks: CommentLinkStore;

  constructor(private readonly deps: AppDeps, private readonly config: SyncConfig, private scan: ReconcileScan) {
    this.planner = new PairJobPlanner(new LinkStore(deps.kv), 'reconcile');
    this.commentLinks = new CommentLinkStore(deps.kv);
  }

  get state(): ReconcileScan {
    return this.scan;
  }

  async b24Page(): Promise<void> {
    const { tasks } = await this.deps.b24.listTasks({
      filter: { GROUP_ID: this.config.b24GroupId, '>=CHANGED_DATE': b24FilterDate(this.scan.since), '>ID': this.scan.b24.lastId },
      order: { ID: 'asc' },
      start: -1,
    });
    const jobs: SyncJob[] = [];
    for (const task of tasks) {
      const job = await this.planner.forTask(task.id);
      if (job) jobs.push(job);
    }
    await this.push(jobs);
    this.counts.tasks += tasks.length;
    this.counts.pairJobs += jobs.length;
    const last = tasks.at(-1);
    this.scan = { ...this.scan, b24: { lastId: last?.id ?? this.scan.b24.lastId, done: tasks.length < PAGE_SIZE } };
  }

  async jiraPage(): Promise<void> {
    const { jira } = this.scan;
    const page = await this.deps.jira.searchJql(jira.jql, { maxResults: PAGE_SIZE, ...(jira.token ? { nextPageToken: jira.token } : {}) });
    const jobs: SyncJob[] = [];
    for (const issue of page.issues) {
      const { job, linked } = await this.planner.forIssue(issue.id);
      if (job) jobs.push(job);
      if (linked) {
        const edits = await commentEditJobs(this.deps.jira, this.commentLinks, { id: issue.id, projectKey: this.config.projectKey }, this.scan.since);
        this.counts.commentJobs += edits.length;
        jobs.push(...edits);
      }
    }
    await this.push(jobs);
    this.counts.issues += page.issues.length;
    this.counts.pairJobs += jobs.filter((j) => j.kind === 'pair-sync').length;
    this.scan = { ...this.scan, jira: { jql: jira.jql, ...(page.nextPageToken ? { token: page.nextPageToken } : {}), done: !page.nextPageToken } };
  }

  private async push(jobs: SyncJob[]): Promise<void> {
    this.counts.pages += 1;
    if (jobs.length > 0) await this.deps.syncQueue.push(jobs.map(toJobBody));
  }
}

/** Lists at most `maxPages` pages (Bitrix24 first), enqueueing as it goes. */
export async function scanPages(deps: AppDeps, config: SyncConfig, scan: ReconcileScan, maxPages: number): Promise<ScanOutcome> {
  const run = new ScanRun(deps, config, scan);
  while (run.counts.pages < maxPages) {
    if (!run.state.b24.done) await run.b24Page();
    else if (!run.state.jira.done) await run.jiraPage();
    else break;
  }
  return { scan: run.state, complete: run.state.b24.done && run.state.jira.done, counts: run.counts };
}
