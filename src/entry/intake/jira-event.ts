/**
 * A Jira product event, from the trigger's payload to a queued job. Events of unpaired projects and the app's own
 * writes (a second check behind the manifest's ignoreSelf) are dropped without a write.
 */
import { parseJiraTriggerEvent, type JiraTriggerEvent } from '../../adapters/jira/event-parser';
import { isSyncError } from '../../core/errors';
import type { Logger } from '../../ports/log';
import type { JobQueue } from '../../ports/queue';
import { toJobBody, type SyncJob } from '../../app/jobs';

export interface JiraIntakeDeps {
  queue: JobQueue;
  log: Logger;
  isProjectPaired(projectKey: string): Promise<boolean>;
}

export type JiraIntakeOutcome = 'queued' | 'ignored-self' | 'ignored-unpaired' | 'ignored-kind' | 'malformed';

function jobFor(event: JiraTriggerEvent): SyncJob | null {
  switch (event.kind) {
    case 'issue-created':
    case 'issue-updated':
      return { kind: 'issue-changed', issueId: event.issueId, projectKey: event.projectKey };
    case 'issue-deleted':
      return { kind: 'issue-deleted', issueId: event.issueId, projectKey: event.projectKey };
    case 'comment-upserted':
      return { kind: 'jira-comment', issueId: event.issueId, projectKey: event.projectKey, commentId: event.commentId, action: 'upserted' };
    case 'comment-deleted':
      return { kind: 'jira-comment', issueId: event.issueId, projectKey: event.projectKey, commentId: event.commentId, action: 'deleted' };
    default:
      return null;
  }
}

export async function receiveJiraEvent(payload: unknown, deps: JiraIntakeDeps): Promise<JiraIntakeOutcome> {
  let event: JiraTriggerEvent;
  try {
    event = parseJiraTriggerEvent(payload);
  } catch (error) {
    deps.log.warn('dropped a malformed Jira event', { error: isSyncError(error) ? error.message : String(error) });
    return 'malformed';
  }
  if ('selfGenerated' in event && event.selfGenerated) return 'ignored-self';
  const job = jobFor(event);
  if (!job || !('projectKey' in job)) return 'ignored-kind';
  if (!(await deps.isProjectPaired(job.projectKey))) return 'ignored-unpaired';
  await deps.queue.push([toJobBody(job)]);
  return 'queued';
}
