/**
 * The migration's dry run: reads pages of both sides (nothing is written anywhere but its own record) and counts
 * what a run would find paired, pair by marker and create, which people and statuses will not map, and what the
 * run will cost. At 10,000 + 10,000 that is some 400 pages, which a resolver's 25 s cannot hold under Bitrix24's
 * 2 requests/s, so it runs as a job chain on the migration queue, DRY_RUN_PAGES_PER_JOB pages per job, and the tab
 * shows its record when done. This file is the chain (start, each job, its end); the pages are read in
 * dry-run-pages.ts and counted in dry-run-counts.ts.
 */
import { DEFAULT_LIMITS } from '../../core/migration/cost';
import type { AppDeps } from '../deps';
import { UserDirectory } from '../user-directory';
import { isPairingListed } from '../pairing-access';
import { pairingToMigrate } from './start';
import { DryRunStore, freshDryRun, type DryRun } from './dry-run-store';
import { type Scan, scanPage } from './dry-run-pages';
import { toMigrationJobBody, type DryRunPageJob } from './jobs';
import { storesOf } from '../store/stores';

const DRY_RUN_PAGES_PER_JOB = 8;
/** A running dry run whose record has not moved for this long lost its job: Dry run may start it again. */
export const DRY_RUN_STALLED_MS = 5 * 60_000;

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
