/** Trigger `jira-events`: Jira product events become sync jobs for paired projects. */
import { withBacklog } from '../app/intake-backlog';
import { PendingJobs } from '../app/pending-jobs';
import { LinkStore } from '../app/store/links';
import { ProjectConfigStore } from '../app/store/project-config';
import { composeApp } from './composition';
import { receiveJiraEvent } from './intake/jira-event';

export async function onJiraEvent(event: unknown): Promise<void> {
  const deps = composeApp({ handler: 'jira-events' });
  const configs = new ProjectConfigStore(deps.kv);
  const outcome = await receiveJiraEvent(event, {
    queue: withBacklog(deps),
    log: deps.log,
    isProjectPaired: async (projectKey) => (await configs.get(projectKey)) !== null,
    // Attachment events name only the issue: drop those of unpaired issues here rather than in the consumer.
    isIssueLinked: async (issueId) => (await new LinkStore(deps.kv).byIssue(issueId)) !== null,
    pending: new PendingJobs(deps.kv, () => deps.clock.now()),
  });
  deps.log.debug('jira event handled', { outcome });
}
