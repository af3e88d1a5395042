/**
 * One page of the initial migration: list existing tasks of the workgroup (or issues of the project), enqueue a
 * `pair-sync` per entity not yet paired, push the next page, then record progress. The order matters for
 * resumability: if the function dies after pushing but before recording, its retry lists the same page again
 * (pair-syncs find the links and markers and create nothing) and the early next page waits for it (see `gate`).
 */
import type { SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { toJobBody, type SyncJob } from '../jobs';
import { jqlProject } from '../reconcile/window';
import { LinkStore } from '../store/links';
import { ProjectConfigStore } from '../store/project-config';
import { toMigrationJobBody, type MigrationPageJob } from './jobs';
import { heldRun } from './control';
import { nextPageDelay, paceJobs } from './pacing';
import { journalPage } from './page-journal';
import { MigrationProgressStore, type MigrationProgress, type MigrationSide } from './progress';

const PAGE_SIZE = 50;

export type PageOutcome =
  | { kind: 'recorded'; listed: number; enqueued: number }
  | { kind: 'dropped'; reason: string }
  | { kind: 'wait'; reason: string };

interface Listed {
  ids: string[];
  next: string | null;
  last: boolean;
}

async function listPage(deps: AppDeps, config: SyncConfig, side: MigrationSide, cursor: string | null): Promise<Listed> {
  if (side === 'b24') {
    const { tasks } = await deps.b24.listTasks({ filter: { GROUP_ID: config.b24GroupId, '>ID': cursor ?? '0' }, order: { ID: 'asc' }, start: -1 });
    return { ids: tasks.map((t) => t.id), next: tasks.at(-1)?.id ?? cursor, last: tasks.length < PAGE_SIZE };
  }
  const page = await deps.jira.searchJql(`project = ${jqlProject(config.projectKey)} ORDER BY id ASC`, {
    maxResults: PAGE_SIZE,
    ...(cursor ? { nextPageToken: cursor } : {}),
  });
  return { ids: page.issues.map((i) => i.id), next: page.nextPageToken ?? null, last: !page.nextPageToken };
}

/** Whether this delivery is the page the run expects next. */
function gate(progress: MigrationProgress | null, job: MigrationPageJob): PageOutcome | null {
  if (!progress || progress.runId !== job.runId || progress.state !== 'running') return { kind: 'dropped', reason: 'not the running migration' };
  const side = progress[job.side];
  if (side.done || job.page < side.page) return { kind: 'dropped', reason: 'page already recorded' };
  if (job.page > side.page) return { kind: 'wait', reason: 'the previous page is not recorded yet' };
  return null;
}

async function enqueue(deps: AppDeps, jobs: SyncJob[]): Promise<void> {
  for (const batch of paceJobs(jobs)) {
    await deps.syncQueue.push(batch.items.map(toJobBody), batch.delaySeconds > 0 ? { delaySeconds: batch.delaySeconds } : {});
  }
}

export async function runMigrationPage(deps: AppDeps, job: MigrationPageJob): Promise<PageOutcome> {
  const store = new MigrationProgressStore(deps.kv);
  const progress = await store.get(job.projectKey);
  const refused = gate(progress, job);
  if (refused || !progress) return refused ?? { kind: 'dropped', reason: 'no migration' };
  const held = await heldRun(deps, job); // Paused or cancelled: stop before any call; the checkpoint stays as recorded.
  if (held) return { kind: 'dropped', reason: held === 'pause' ? 'the run is paused' : 'the run was cancelled' };
  const config = await new ProjectConfigStore(deps.kv).get(job.projectKey);
  if (!config) {
    await store.save(job.projectKey, { ...progress, state: 'failed', error: 'The project is no longer paired with a Bitrix24 workgroup.', updatedAt: deps.clock.now() });
    return { kind: 'dropped', reason: 'project not paired' };
  }
  const listed = await listPage(deps, config, job.side, job.cursor);
  const links = new LinkStore(deps.kv);
  const jobs: SyncJob[] = [];
  for (const id of listed.ids) {
    // Already paired entities are kept current by events and reconciliation; migration only pairs.
    const linked = job.side === 'b24' ? await links.byTask(id) : await links.byIssue(id);
    if (!linked) jobs.push({ kind: 'pair-sync', ...(job.side === 'b24' ? { taskId: id } : { issueId: id }), origin: 'migration' });
  }
  await enqueue(deps, jobs);
  const side = progress[job.side];
  const nextSide = { ...side, listed: side.listed + listed.ids.length, alreadyLinked: side.alreadyLinked + listed.ids.length - jobs.length, cursor: listed.next, page: side.page + 1, done: listed.last };
  const next = { ...progress, [job.side]: nextSide, enqueued: progress.enqueued + jobs.length, updatedAt: deps.clock.now() };
  const delaySeconds = nextPageDelay(jobs.length);
  if (!listed.last) {
    await pushPage(deps, { ...job, cursor: listed.next, page: nextSide.page }, delaySeconds);
  } else if (job.side === 'b24' && !next.jira.done) {
    await pushPage(deps, { ...job, side: 'jira', cursor: next.jira.cursor, page: next.jira.page }, delaySeconds);
  }
  const finished = next.b24.done && next.jira.done;
  await store.save(job.projectKey, finished ? { ...next, state: 'done', finishedAt: deps.clock.now() } : next);
  await journalPage(deps, job, listed.ids.length, jobs.length);
  return { kind: 'recorded', listed: listed.ids.length, enqueued: jobs.length };
}

export async function pushPage(deps: AppDeps, job: MigrationPageJob, delaySeconds = 0): Promise<void> {
  await deps.migrationQueue.push([toMigrationJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
}
