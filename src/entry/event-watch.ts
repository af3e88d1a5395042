/**
 * The `event-watch` scheduled trigger (every five minutes): notices when Bitrix24 events stop arriving and, while
 * they do, picks up changes itself (src/app/reconcile/watch.ts). Scheduled triggers are not retried; a failed tick
 * leaves the watch's mark where it was, so the next tick looks at the same window. Each tick first pushes again
 * the events the sync queue refused at intake (src/app/intake/backlog.ts).
 */
import { drainBacklog } from '../app/intake/backlog';
import { stoppedByUninstall } from '../app/stop-after-uninstall';
import { watchB24Events } from '../app/reconcile/watch';
import { composeApp } from './composition';

export async function onEventWatch(_event: unknown, _context?: unknown): Promise<void> {
  const deps = composeApp({ handler: 'event-watch' });
  // Kept events wait too: they are pushed once the app is installed again.
  if (await stoppedByUninstall(deps, 'event watch')) return;
  // Events the queue refused at intake go first: they are older than anything the watch may find.
  const kept = await drainBacklog(deps);
  if (kept > 0) deps.log.info('event watch pushed events kept at intake', { jobs: kept });
  const result = await watchB24Events(deps);
  if (result.status === 'reconciled')
    deps.log.info('event watch reconciled', { changes: result.changes, projects: result.results });
}
