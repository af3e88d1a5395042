/**
 * The Migration tab's use cases: the dry run, Start, Pause, Resume and Cancel of the project's initial migration,
 * and the view the tab draws (progress per phase with an estimate of the time left, which buttons apply now). The
 * migration's own refusals become sentences for the admin here, so the resolver layer shows them instead of the
 * generic failure it shows for every other permanent error.
 */
import { isSyncError } from '../../core/errors';
import type { AppDeps } from '../deps';
import { PairingNotListed } from '../pairing-access';
import { DRY_RUN_STALLED_MS, readDryRun, startDryRun } from '../migration/dry-run';
import type { DryRun, DryRunPrediction } from '../migration/dry-run-store';
import type { MigrationProgress } from '../store/migration-progress';
import { holdMigration, isStalled, migrationStatus, resumeMigration, startMigration } from '../migration/start';
import { AdminError } from './admin-errors';

/**
 * A side's listing. It measures the pairing too: a page waits until the pair-syncs it queued have had their paced
 * slots before the next page is listed (pacing.ts), so listing runs at most one page ahead of the pairs.
 */
export interface MigrationPhase {
  phase: 'tasks' | 'issues';
  done: number;
  /** From the latest finished dry run; null without one. */
  total: number | null;
}

export interface UnmappedRow {
  side: 'b24' | 'jira';
  name: string;
  count: number;
}

/** The dry run as the tab shows it: its counts, the people and statuses that will not map, the prediction. */
export interface DryRunView {
  state: DryRun['state'];
  startedAt: number;
  finishedAt?: number;
  stalled: boolean;
  tasks: DryRun['tasks'];
  issues: DryRun['issues'];
  people: UnmappedRow[];
  statuses: UnmappedRow[];
  prediction?: DryRunPrediction;
}

export interface MigrationView {
  /** null until the first run starts. */
  progress: MigrationProgress | null;
  /**
   * Whether Start would begin or resume a run: false while one is alive. A running record that stopped moving is
   * stalled (a lost page job) and may be resumed, which only the server's clock can tell.
   */
  canStart: boolean;
  stalled: boolean;
  canPause: boolean;
  canResume: boolean;
  canCancel: boolean;
  canDryRun: boolean;
  dryRun: DryRunView | null;
  phases: MigrationPhase[];
  /** Seconds left by the dry run's prediction and the share already listed; null without a finished dry run. */
  secondsLeft: number | null;
}

const byCount = (a: UnmappedRow, b: UnmappedRow): number => b.count - a.count || a.name.localeCompare(b.name);

function dryRunView(run: DryRun | null, now: number): DryRunView | null {
  if (!run) return null;
  const people = Object.values(run.people)
    .filter((p) => !p.matched)
    .map(({ side, name, count }) => ({ side, name, count }));
  return {
    state: run.state,
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
    stalled: run.state === 'running' && now - run.updatedAt >= DRY_RUN_STALLED_MS,
    tasks: run.tasks,
    issues: run.issues,
    people: people.sort(byCount),
    statuses: Object.values(run.statuses).sort(byCount),
    ...(run.prediction ? { prediction: run.prediction } : {}),
  };
}

function phasesOf(progress: MigrationProgress | null, prediction: DryRunPrediction | undefined): MigrationPhase[] {
  const scope = prediction?.scope;
  return [
    { phase: 'tasks', done: progress?.b24.listed ?? 0, total: scope ? scope.tasks : null },
    // The project's issues are listed after the tasks were paired, so they include the issues just created.
    { phase: 'issues', done: progress?.jira.listed ?? 0, total: scope ? scope.issues + scope.issuesToCreate : null },
  ];
}

function secondsLeft(
  progress: MigrationProgress | null,
  phases: MigrationPhase[],
  prediction: DryRunPrediction | undefined,
): number | null {
  if (!progress || !prediction) return null;
  if (progress.state === 'done') return 0;
  const total = phases.reduce((sum, p) => sum + (p.total ?? 0), 0);
  const done = phases.reduce((sum, p) => sum + Math.min(p.done, p.total ?? 0), 0);
  return total === 0 ? 0 : Math.ceil(prediction.seconds * (1 - done / total));
}

function viewOf(deps: AppDeps, progress: MigrationProgress | null, run: DryRun | null): MigrationView {
  const now = deps.clock.now();
  const stalled = isStalled(progress, now);
  const dryRun = dryRunView(run, now);
  const phases = phasesOf(progress, dryRun?.state === 'done' ? dryRun.prediction : undefined);
  const state = progress?.state;
  return {
    progress,
    stalled,
    dryRun,
    phases,
    canStart: (state !== 'running' && state !== 'paused') || stalled,
    canPause: state === 'running' && !stalled,
    canResume: state === 'paused',
    canCancel: state === 'running' || state === 'paused',
    canDryRun: dryRun?.state !== 'running' || dryRun.stalled,
    secondsLeft: secondsLeft(progress, phases, dryRun?.state === 'done' ? dryRun.prediction : undefined),
  };
}

export async function readMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  const [progress, run] = await Promise.all([migrationStatus(deps, projectKey), readDryRun(deps, projectKey)]);
  return viewOf(deps, progress, run);
}

const NOT_PAIRED =
  'This project is not paired with a Bitrix24 workgroup yet: choose the workgroup on the Mapping tab and save, then start the migration.';

async function sayingNotPaired<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isSyncError(error) && error.code === 'migration:not-configured')
      throw new AdminError(NOT_PAIRED, 'migration.notPaired');
    if (error instanceof PairingNotListed)
      throw new AdminError(error.message, 'migration.notListed', {
        group: error.pairing.b24GroupId,
        project: error.pairing.projectKey,
      });
    throw error;
  }
}

export async function beginMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  await sayingNotPaired(() => startMigration(deps, projectKey));
  return readMigration(deps, projectKey);
}

export async function beginDryRun(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  await sayingNotPaired(() => startDryRun(deps, projectKey));
  return readMigration(deps, projectKey);
}

export async function pauseMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  if (!(await holdMigration(deps, projectKey, 'pause')))
    throw new AdminError('There is no running migration to pause.', 'migration.nothingToPause');
  return readMigration(deps, projectKey);
}

export async function cancelMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  if (!(await holdMigration(deps, projectKey, 'cancel')))
    throw new AdminError('There is no running or paused migration to cancel.', 'migration.nothingToCancel');
  return readMigration(deps, projectKey);
}

export async function continueMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  if (!(await sayingNotPaired(() => resumeMigration(deps, projectKey))))
    throw new AdminError('There is no paused migration to resume.', 'migration.nothingToResume');
  return readMigration(deps, projectKey);
}
