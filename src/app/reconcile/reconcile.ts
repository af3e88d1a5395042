/**
 * Hourly reconciliation: catches changes whose events never arrived (Bitrix24 never retries a delivery) and Jira
 * comment edits (which have no event). It only enqueues `pair-sync` / `jira-comment` jobs; the sync queue's
 * consumer does the reading, merging and writing, so an unchanged pair costs reads and never a write.
 */
import { errorMessage } from '../../core/errors';
import { MAX_QUEUE_DELAY_SECONDS } from '../../ports/queue';
import type { AppDeps } from '../deps';
import type { ReconcilePageJob } from './jobs';
import { migrationRunning } from '../store/migration-progress';
import { isPairingListed, journalNotListed, PairingNotListed } from '../pairing-access';
import { PENDING_STALE_MS, ReconcileCursorStore } from './cursor-store';
import { requeueGaveUp, sweepLinks } from './recover';
import { endScan, resumeScan, suspendScan } from './continuation';
import { cursorAfter, newScan, scanPages, type ScanCounts, type ScanOutcome } from './scan';
import { FIRST_WINDOW_MS, OVERLAP_MS, windowFrom } from './window';
import { storesOf } from '../store/stores';

/**
 * Pages listed per invocation across all projects. A page is one list call plus a KVS read per row (and a comment
 * read per changed linked issue), well under a second on both APIs, so 40 pages stay far inside the 900 s limit;
 * the rest continues on the migration queue.
 */
const PAGES_PER_INVOCATION = 40;

export type ReconcileResult =
  | { projectKey: string; status: 'complete' | 'continued'; counts: ScanCounts }
  | { projectKey: string; status: 'skipped'; reason: string }
  | { projectKey: string; status: 'failed'; error: string };

async function settle(deps: AppDeps, projectKey: string, outcome: ScanOutcome): Promise<ReconcileResult> {
  const { scan } = outcome;
  if (outcome.complete) {
    await new ReconcileCursorStore(deps.kv).complete(projectKey, cursorAfter(scan));
    await endScan(deps, projectKey, scan);
    return { projectKey, status: 'complete', counts: outcome.counts };
  }
  await suspendScan(deps, projectKey, scan, Math.min(MAX_QUEUE_DELAY_SECONDS, outcome.queuedSeconds));
  return { projectKey, status: 'continued', counts: outcome.counts };
}

/**
 * Without a Bitrix24 cursor, "an hour ago" must still be Bitrix24's hour: the group's newest change tells its
 * clock. An empty group starts from the epoch (a first page of nothing).
 */
async function firstB24Since(deps: AppDeps, groupId: string): Promise<number> {
  const { tasks } = await deps.b24.listTasks({
    filter: { GROUP_ID: groupId },
    order: { CHANGED_DATE: 'desc' },
    start: -1,
  });
  const newest = tasks[0] ? Date.parse(tasks[0].changedDate) : Number.NaN;
  return Number.isNaN(newest) ? 0 : newest - FIRST_WINDOW_MS - OVERLAP_MS;
}

export async function reconcileProject(
  deps: AppDeps,
  projectKey: string,
  maxPages = PAGES_PER_INVOCATION,
): Promise<ReconcileResult> {
  const config = await storesOf(deps).configs.get(projectKey);
  if (!config) return { projectKey, status: 'skipped', reason: 'no valid configuration' };
  if (!(await isPairingListed(deps, config))) {
    await journalNotListed(deps, new PairingNotListed(config), { daily: true });
    return { projectKey, status: 'skipped', reason: 'its workgroup is not listed for it' };
  }
  if (await migrationRunning(deps, projectKey))
    return { projectKey, status: 'skipped', reason: 'the initial migration is running' };
  const now = deps.clock.now();
  const cursor = await new ReconcileCursorStore(deps.kv).get(projectKey);
  if (cursor?.pendingSince !== undefined && now - cursor.pendingSince < PENDING_STALE_MS) {
    return { projectKey, status: 'skipped', reason: 'the previous run is still being continued' };
  }
  const window = windowFrom(cursor?.since ?? null, now);
  const b24Since = cursor?.b24Since ?? (await firstB24Since(deps, config.b24GroupId));
  return settle(deps, projectKey, await scanPages(deps, config, newScan(config, window, cursor, b24Since), maxPages));
}

/** Re-queues given-up jobs and looks for linked tasks that are gone; a failure waits for the next run. */
async function recover(deps: AppDeps): Promise<void> {
  try {
    await requeueGaveUp(deps);
    await sweepLinks(deps);
  } catch (error) {
    deps.log.warn('reconciliation could not recover given-up jobs or check links', { error: errorMessage(error) });
  }
}

/** The scheduled trigger's work: every paired project, sharing one page budget; one failing project does not stop the others. */
export async function reconcileAll(deps: AppDeps, budget = PAGES_PER_INVOCATION): Promise<ReconcileResult[]> {
  await recover(deps);
  const results: ReconcileResult[] = [];
  let left = budget;
  for (const projectKey of await storesOf(deps).configs.list()) {
    try {
      const result = await reconcileProject(deps, projectKey, left);
      if (result.status === 'complete' || result.status === 'continued') left = Math.max(0, left - result.counts.pages);
      results.push(result);
    } catch (error) {
      // The cursor stays where it was, so the next run covers this window again.
      const message = errorMessage(error);
      deps.log.warn('reconciliation of a project failed', { projectKey, error: message });
      results.push({ projectKey, status: 'failed', error: message });
    }
  }
  return results;
}

/** A continuation from the migration queue; throws on failure so the queue retries the same page. */
export async function continueReconcile(
  deps: AppDeps,
  job: ReconcilePageJob,
  maxPages = PAGES_PER_INVOCATION,
): Promise<ReconcileResult> {
  const config = await storesOf(deps).configs.get(job.projectKey);
  if (!config) return { projectKey: job.projectKey, status: 'skipped', reason: 'no valid configuration' };
  if (!(await isPairingListed(deps, config)))
    return { projectKey: job.projectKey, status: 'skipped', reason: 'its workgroup is not listed for it' };
  const scan = await resumeScan(deps, job);
  if (!scan)
    return {
      projectKey: job.projectKey,
      status: 'skipped',
      reason: 'its run has completed or was replaced by a newer one',
    };
  return settle(deps, job.projectKey, await scanPages(deps, config, scan, maxPages));
}
