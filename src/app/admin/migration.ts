/**
 * The Migration tab's use cases: start (or resume) the project's initial migration and read its progress. The
 * migration's own "not paired" refusal becomes a sentence for the admin here, so the resolver layer shows it
 * instead of the generic failure it shows for every other permanent error.
 */
import { isSyncError } from '../../core/errors';
import type { AppDeps } from '../deps';
import type { MigrationProgress } from '../migration/progress';
import { migrationStatus, STALLED_AFTER_MS, startMigration } from '../migration/start';
import { AdminError } from './errors';

export interface MigrationView {
  /** null until the first run starts. */
  progress: MigrationProgress | null;
  /**
   * Whether Start would begin or resume a run: false while one is alive. A running record that stopped moving is
   * stalled (a lost page job) and may be resumed, which only the server's clock can tell.
   */
  canStart: boolean;
  stalled: boolean;
}

function viewOf(deps: AppDeps, progress: MigrationProgress | null): MigrationView {
  const stalled = progress?.state === 'running' && deps.clock.now() - progress.updatedAt >= STALLED_AFTER_MS;
  return { progress, canStart: progress?.state !== 'running' || stalled, stalled };
}

export async function readMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  return viewOf(deps, await migrationStatus(deps, projectKey));
}

export async function beginMigration(deps: AppDeps, projectKey: string): Promise<MigrationView> {
  try {
    return viewOf(deps, await startMigration(deps, projectKey));
  } catch (error) {
    if (isSyncError(error) && error.code === 'migration:not-configured') {
      throw new AdminError('This project is not paired with a Bitrix24 workgroup yet: choose the workgroup on the Mapping tab and save, then start the migration.');
    }
    throw error;
  }
}
