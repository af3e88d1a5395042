/**
 * Two repairs each reconciliation run makes besides scanning changes:
 * - jobs that ran out of retries (comments, files, pairs during a long outage) are queued again;
 * - linked tasks that no longer exist are noticed (their delete event was lost: Bitrix24 never retries a
 *   delivery): a page of links per run is checked with one task list call, and a pair whose task is gone gets a
 *   `pair-sync` job, whose re-read finds it gone and applies the project's delete policy. Jira's side needs no
 *   sweep: Forge redelivers a product event that failed, and JQL `id in (…)` refuses ids that no longer exist.
 */
import type { AppDeps } from '../deps';
import { toJobBody, type SyncJob } from '../jobs';
import { GaveUpStore } from '../store/gave-up';
import type { PairLink } from '../store/links';
import { keys } from '../store/keys';
import { LinkStore } from '../store/links';

/** Gave-up jobs queued again per run; a queue push takes 50. */
export const REQUEUE_PER_RUN = 50;
/** Links checked per run: one Bitrix24 list call (its page size). */
export const LINKS_PER_RUN = 50;

export async function requeueGaveUp(deps: AppDeps): Promise<number> {
  const store = new GaveUpStore(deps.kv);
  const entries = await store.list(REQUEUE_PER_RUN);
  const jobs = entries.flatMap((e) => (e.job ? [e.job] : []));
  if (jobs.length > 0) await deps.syncQueue.push(jobs.map(toJobBody));
  for (const e of entries) await store.remove(e.key);
  return jobs.length;
}

async function linkPage(deps: AppDeps): Promise<PairLink[]> {
  const stored = await deps.kv.get(keys.linkSweepCursor());
  const cursor = typeof stored === 'string' ? stored : undefined;
  const page = await deps.kv.listByPrefix(keys.taskLinkPrefix(), { limit: LINKS_PER_RUN, ...(cursor ? { cursor } : {}) });
  if (page.cursor) await deps.kv.set(keys.linkSweepCursor(), page.cursor);
  else await deps.kv.delete(keys.linkSweepCursor());
  const links = new LinkStore(deps.kv);
  const out: PairLink[] = [];
  for (const { key } of page.entries) {
    const link = await links.byTask(key.slice(keys.taskLinkPrefix().length));
    if (link) out.push(link);
  }
  return out;
}

/** Pairs of this page whose task is gone get a pair-sync job; returns how many. */
export async function sweepGoneLinks(deps: AppDeps): Promise<number> {
  const page = await linkPage(deps);
  if (page.length === 0) return 0;
  const { tasks } = await deps.b24.listTasks({ filter: { ID: page.map((l) => l.taskId) }, start: -1 });
  const liveTasks = new Set(tasks.map((t) => t.id));
  const gone: SyncJob[] = page
    .filter((l) => !liveTasks.has(l.taskId))
    .map((l) => ({ kind: 'pair-sync', taskId: l.taskId, issueId: l.issueId, origin: 'reconcile' }));
  if (gone.length > 0) await deps.syncQueue.push(gone.map(toJobBody));
  return gone.length;
}
