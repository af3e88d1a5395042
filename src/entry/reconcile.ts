/**
 * The hourly `reconcile` scheduled trigger: enqueues a pair-sync for every entity changed since the last run
 * (catching Bitrix24 events that were lost) and an upsert for every edited Jira comment. Work that does not fit
 * continues on the migration queue. Scheduled triggers are not retried, so a failure simply waits for the next hour
 * with the cursor unmoved.
 */
import { stoppedByUninstall } from '../app/stop-after-uninstall';
import { reconcileAll } from '../app/reconcile/reconcile';
import { composeApp } from './composition';

export async function onReconcile(_event: unknown, _context?: unknown): Promise<void> {
  const deps = composeApp({ handler: 'reconcile' });
  if (await stoppedByUninstall(deps, 'reconciliation')) return;
  const results = await reconcileAll(deps);
  deps.log.info('reconciliation finished', { projects: results });
}
