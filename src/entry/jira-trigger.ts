/** Trigger `jira-events`: Jira product events become sync jobs for paired projects. */
import { receiveJiraEvent } from '../app/intake/jira-event';
import { composeApp } from './composition';

export async function onJiraEvent(event: unknown): Promise<void> {
  const deps = composeApp({ handler: 'jira-events' });
  const outcome = await receiveJiraEvent(event, deps);
  deps.log.debug('jira event handled', { outcome });
}
