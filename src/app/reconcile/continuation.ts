/**
 * A reconciliation that does not fit one invocation goes on from the migration queue. Its event carries only the
 * scan's position (reconcileScanPositionSchema, a few KB); the versions it compares against are the cursor's
 * `previous`, kept in the cursor record while the run is pending, and those it has seen are in the run record.
 */
import type { AppDeps } from '../deps';
import { toReconcileJobBody, type ReconcilePageJob, type ReconcileScan, type ReconcileScanPosition } from './jobs';
import { ReconcileCursorStore } from './cursor-store';
import { ReconcileRunStore } from './run-store';

function positionOf(scan: ReconcileScan): ReconcileScanPosition {
  const { since, startedAt, b24, jira, continued } = scan;
  return { since, startedAt, b24, jira, continued };
}

/**
 * The seen versions are stored before the continuation is pushed, so it never starts without them; if the push then
 * fails, the invocation is retried from its own start, and a page listed twice writes the same versions again.
 */
export async function suspendScan(
  deps: AppDeps,
  projectKey: string,
  scan: ReconcileScan,
  delaySeconds: number,
): Promise<void> {
  await new ReconcileRunStore(deps.kv).save(projectKey, { startedAt: scan.startedAt, seen: scan.seen });
  const job: ReconcilePageJob = { kind: 'reconcile-page', projectKey, scan: positionOf(scan) };
  await deps.migrationQueue.push([toReconcileJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
  await new ReconcileCursorStore(deps.kv).markPending(
    projectKey,
    { since: scan.since, b24Since: scan.b24.since, previous: scan.previous },
    deps.clock.now(),
  );
}

/** The scan a continuation resumes, or null when its run is no longer the one in progress (completed or replaced). */
export async function resumeScan(deps: AppDeps, job: ReconcilePageJob): Promise<ReconcileScan | null> {
  const [run, cursor] = await Promise.all([
    new ReconcileRunStore(deps.kv).get(job.projectKey),
    new ReconcileCursorStore(deps.kv).get(job.projectKey),
  ]);
  if (run?.startedAt !== job.scan.startedAt) return null;
  return { ...job.scan, previous: cursor?.previous ?? { b24: {}, jira: {} }, seen: run.seen };
}

/** After a continued scan completes, its run record has done its job. */
export async function endScan(deps: AppDeps, projectKey: string, scan: ReconcileScan): Promise<void> {
  if (scan.continued) await new ReconcileRunStore(deps.kv).clear(projectKey);
}
