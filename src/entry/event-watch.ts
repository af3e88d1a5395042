/**
 * The `event-watch` scheduled trigger (every five minutes): notices when Bitrix24 events stop arriving and, while
 * they do, picks up changes itself (src/app/reconcile/watch.ts). Scheduled triggers are not retried; a failed tick
 * leaves the watch's mark where it was, so the next tick looks at the same window.
 */
import { watchB24Events } from '../app/reconcile/watch';
import { composeApp } from './composition';

export async function onEventWatch(_event: unknown, _context?: unknown): Promise<void> {
  const deps = composeApp({ handler: 'event-watch' });
  const result = await watchB24Events(deps);
  if (result.status === 'reconciled') deps.log.info('event watch reconciled', { changes: result.changes, projects: result.results });
}
