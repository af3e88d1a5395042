/** Trigger `jira-events`: Jira product events become sync jobs for paired projects. */
import { ProjectConfigStore } from '../app/store/project-config';
import { composeApp } from './composition';
import { receiveJiraEvent } from './intake/jira-event';

export async function onJiraEvent(event: unknown): Promise<void> {
  const deps = composeApp({ handler: 'jira-events' });
  const configs = new ProjectConfigStore(deps.kv);
  const outcome = await receiveJiraEvent(event, {
    queue: deps.syncQueue,
    log: deps.log,
    isProjectPaired: async (projectKey) => (await configs.get(projectKey)) !== null,
  });
  deps.log.debug('jira event handled', { outcome });
}
