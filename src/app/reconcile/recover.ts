/**
 * Two repairs each reconciliation run makes besides scanning changes:
 * - jobs that ran out of retries (comments, files, pairs during a long outage) are queued again;
 * - linked tasks that no longer exist are noticed (their delete event was lost: Bitrix24 never retries a
 *   delivery): every few runs, the links are checked page by page, one task list call per page, and a pair whose task is gone gets a
 *   `pair-sync` job, whose re-read finds it gone and applies the project's delete policy. Jira's side needs no
 *   sweep: Forge redelivers a product event that failed, and JQL `id in (…)` refuses ids that no longer exist.
 *   The same page's living tasks are checked for comments whose event was lost: a comment does not change the
 *   task's CHANGED_DATE, so the change scan alone would never find it.
 */
import type { AppDeps } from '../deps';
import { toJobBody, type SyncJob } from '../sync-jobs';
import type { PairLink } from '../store/links';
import { keys } from '../store/keys';
import { migrationRunning } from '../store/migration-progress';
import { missedB24CommentJobs } from './comment-edits';
import { storesOf } from '../store/stores';

/** Gave-up jobs queued again per run; a queue push takes 50. */
const REQUEUE_PER_RUN = 50;
/** Links checked per run: one Bitrix24 list call (its page size). */
const LINKS_PER_RUN = 50;

export async function requeueGaveUp(deps: AppDeps): Promise<number> {
  const store = storesOf(deps).gaveUp;
  const entries = await store.list(REQUEUE_PER_RUN);
  const jobs = entries.flatMap((e) => (e.job ? [e.job] : []));
  if (jobs.length > 0) await deps.syncQueue.push(jobs.map(toJobBody));
  for (const e of entries) await store.remove(e.key);
  return jobs.length;
}

/**
 * A sweep of all links starts every `SWEEP_EVERY_RUNS` runs (every six hours with the hourly trigger) and goes on
 * page by page, one per run, until it has seen every link: a lost delete is noticed within hours, and an idle
 * hour costs nothing more than the change scan.
 */
export const SWEEP_EVERY_RUNS = 6;

interface SweepState {
  cursor?: string;
  /** Runs to skip before the next sweep starts. */
  wait: number;
}

function sweepState(value: unknown): SweepState {
  if (typeof value !== 'object' || value === null) return { wait: 0 };
  const v = value as Record<string, unknown>;
  return {
    wait: typeof v.wait === 'number' ? v.wait : 0,
    ...(typeof v.cursor === 'string' ? { cursor: v.cursor } : {}),
  };
}

async function linkPage(deps: AppDeps): Promise<PairLink[]> {
  const state = sweepState(await deps.kv.get(keys.linkSweepCursor()));
  if (state.wait > 0) {
    await deps.kv.set(keys.linkSweepCursor(), { wait: state.wait - 1 });
    return [];
  }
  const page = await deps.kv.listByPrefix(keys.taskLinkPrefix(), {
    limit: LINKS_PER_RUN,
    ...(state.cursor ? { cursor: state.cursor } : {}),
  });
  await deps.kv.set(
    keys.linkSweepCursor(),
    page.cursor ? { wait: 0, cursor: page.cursor } : { wait: SWEEP_EVERY_RUNS - 1 },
  );
  const links = storesOf(deps).links;
  const out: PairLink[] = [];
  for (const { key } of page.entries) {
    const link = await links.byTask(key.slice(keys.taskLinkPrefix().length));
    if (link) out.push(link);
  }
  return out;
}

/** Pairs of this page whose task is gone get a pair-sync job, living ones a job per missed comment; returns the jobs. */
export async function sweepLinks(deps: AppDeps): Promise<number> {
  const listed = await linkPage(deps);
  // Pairs of a project whose initial migration runs are the migration's to finish (it copies their comments); the
  // sweep comes round to them again after the run.
  const migrating = new Set<string>();
  for (const key of new Set(listed.map((l) => l.projectKey))) if (await migrationRunning(deps, key)) migrating.add(key);
  const page = listed.filter((l) => !migrating.has(l.projectKey));
  if (page.length === 0) return 0;
  // One list with each task's comment count; only the tasks that have comments are read, 50 a batch.
  const { pages, commentCounts } = await deps.b24.listTaskPages({
    filter: { ID: page.map((l) => l.taskId) },
    order: { ID: 'asc' },
    starts: [0],
  });
  const liveTasks = new Set(pages.flat().map((t) => t.id));
  const withComments = page.filter((l) => liveTasks.has(l.taskId) && commentCounts.has(l.taskId)).map((l) => l.taskId);
  const lists = await deps.b24.getCommentLists(withComments);
  const comments = storesOf(deps).commentLinks;
  const jobs: SyncJob[] = [];
  for (const link of page)
    if (!liveTasks.has(link.taskId))
      jobs.push({ kind: 'pair-sync', taskId: link.taskId, issueId: link.issueId, origin: 'reconcile' });
  for (const [i, taskId] of withComments.entries()) {
    const list = lists[i];
    // A task whose comments could not be read is looked at again on the next sweep; the others stand.
    if (!list?.ok) {
      deps.log.warn('link sweep could not read comments', { taskId, error: list?.error.message ?? 'no answer' });
      continue;
    }
    jobs.push(...(await missedB24CommentJobs(list.value, comments, taskId)));
  }
  for (let i = 0; i < jobs.length; i += 50) await deps.syncQueue.push(jobs.slice(i, i + 50).map(toJobBody));
  return jobs.length;
}
