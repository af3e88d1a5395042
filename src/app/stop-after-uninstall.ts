/**
 * A portal that uninstalled the app (a verified ONAPPUNINSTALL) stops every sync at its start, quietly: Bitrix24
 * has revoked the app's access, so each call would fail, and a failed job per edit would bury the one thing to do
 * (reinstall) under noise. Nothing is deleted: links, settings and the journal wait for the reinstall.
 */
import type { AppDeps } from './deps';
import { writeControl } from './migration/control';
import type { MigrationJob } from './migration/jobs';
import type { ReconcilePageJob } from './reconcile/jobs';
import { storesOf } from './store/stores';

/** True (and logged) when `what` must not run because the app was uninstalled from the portal. */
export async function stoppedByUninstall(
  deps: Pick<AppDeps, 'kv' | 'secrets' | 'newId' | 'log'>,
  what: string,
): Promise<boolean> {
  const at = await storesOf(deps).connection.uninstalledAt();
  if (at === null) return false;
  deps.log.info(`${what} skipped: the app was uninstalled from the Bitrix24 portal`, { since: at });
  return true;
}

/** A migration page stops as if its run were paused, so Resume continues from its checkpoint after a reinstall. */
export async function holdMigrationPage(deps: AppDeps, job: MigrationJob | ReconcilePageJob): Promise<void> {
  if (job.kind === 'migration-page')
    await writeControl(deps, job.projectKey, { action: 'pause', runId: job.runId, at: deps.clock.now() });
}
