/**
 * The migration's use cases for the settings page: start, pause, resume, cancel and read progress. Starting while
 * a run is alive returns that run; a failed, paused or stalled run resumes from its recorded cursors under a new
 * run id, so pages of the old chain that still arrive are dropped; a cancelled or finished run starts over (what
 * is paired is skipped, so it creates nothing twice).
 */
import { PermanentError } from '../../core/errors';
import type { SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { checkPairingListed } from '../pairing-access';
import { clearControl, effectiveProgress, readControl, writeControl, type ControlAction } from './control';
import { pushPage } from './page';
import { expectedSide, freshSide, type MigrationProgress, type MigrationSide } from '../store/migration-progress';
import { storesOf } from '../store/stores';

/** A running migration whose record has not moved for this long is presumed stalled (a lost page job). */
const STALLED_AFTER_MS = 30 * 60_000;

/** The run as people see it (paused and cancelled come from the control record). */
export async function migrationStatus(deps: AppDeps, projectKey: string): Promise<MigrationProgress | null> {
  const [progress, control] = await Promise.all([
    storesOf(deps).migrationProgress.get(projectKey),
    readControl(deps, projectKey),
  ]);
  return effectiveProgress(progress, control);
}

export const isStalled = (progress: MigrationProgress | null, now: number): boolean =>
  progress?.state === 'running' && now - progress.updatedAt >= STALLED_AFTER_MS;

function resumable(progress: MigrationProgress | null, now: number): progress is MigrationProgress {
  if (!progress) return false;
  return progress.state === 'failed' || progress.state === 'paused' || isStalled(progress, now);
}

/** The project's pairing, refused when there is none or its workgroup is not listed for it (PairingNotListed). */
export async function pairingToMigrate(deps: AppDeps, projectKey: string): Promise<SyncConfig> {
  const config = await storesOf(deps).configs.get(projectKey);
  if (!config)
    throw new PermanentError('validation', `Project ${projectKey} is not paired with a Bitrix24 workgroup yet.`, {
      code: 'migration:not-configured',
    });
  await checkPairingListed(deps, config);
  return config;
}

export async function startMigration(deps: AppDeps, projectKey: string): Promise<MigrationProgress> {
  await pairingToMigrate(deps, projectKey);
  const store = storesOf(deps).migrationProgress;
  const current = await migrationStatus(deps, projectKey);
  const now = deps.clock.now();
  if (current?.state === 'running' && !resumable(current, now)) return current;
  const runId = deps.newId();
  const progress: MigrationProgress = resumable(current, now)
    ? { ...current, state: 'running', runId, updatedAt: now }
    : { state: 'running', runId, startedAt: now, updatedAt: now, b24: freshSide(), jira: freshSide(), enqueued: 0 };
  delete progress.error;
  await store.save(projectKey, progress);
  // The hold named the previous run id; the new run is not held, and the record is tidied away.
  await clearControl(deps, projectKey);
  const side: MigrationSide = expectedSide(progress) ?? 'jira';
  await pushPage(deps, {
    kind: 'migration-page',
    projectKey,
    runId,
    side,
    cursor: progress[side].cursor,
    page: progress[side].page,
  });
  return progress;
}

/**
 * Pause (a running run) or Cancel (a running or paused run). Returns the run as it is now, or null when there was
 * nothing to hold. Pages already handed to the sync queue still pair their entities: each pair is made whole or
 * not at all, so a held run leaves no half-made pair behind.
 */
export async function holdMigration(
  deps: AppDeps,
  projectKey: string,
  action: ControlAction,
): Promise<MigrationProgress | null> {
  const current = await migrationStatus(deps, projectKey);
  const allowed =
    action === 'pause' ? current?.state === 'running' : current?.state === 'running' || current?.state === 'paused';
  if (!current || !allowed) return null;
  await writeControl(deps, projectKey, { action, runId: current.runId, at: deps.clock.now() });
  return migrationStatus(deps, projectKey);
}

/** Resume continues a paused run from its checkpoint; anything else is not resumed here. */
export async function resumeMigration(deps: AppDeps, projectKey: string): Promise<MigrationProgress | null> {
  const current = await migrationStatus(deps, projectKey);
  if (current?.state !== 'paused') return null;
  return startMigration(deps, projectKey);
}
