/**
 * A Jira product event, from the trigger's payload to a queued job. Events of unpaired projects and the app's own
 * writes (a second check behind the manifest's ignoreSelf) are dropped without a write.
 */
import { parseJiraTriggerEvent, type JiraTriggerEvent } from '../../adapters/jira/event-parser';
import { isSyncError } from '../../core/errors';
import type { Logger } from '../../ports/log';
import type { JobQueue } from '../../ports/queue';
import type { SyncJob } from '../../app/jobs';
import { pushOnce, type PendingJobs } from '../../app/pending-jobs';
import { attachmentHints } from '../../app/attachments/event-hints';

export interface JiraIntakeDeps {
  queue: JobQueue;
  log: Logger;
  isProjectPaired(projectKey: string): Promise<boolean>;
  /**
   * Attachment events name an issue but no project. When given, events of issues without a link are dropped
   * here; without it they are queued and the consumer drops them after one link read.
   */
  isIssueLinked?(issueId: string): Promise<boolean>;
  /** Copies of a job that is still waiting are answered without a push (app/pending-jobs.ts). */
  pending?: PendingJobs;
}

type AttachmentEvent = Extract<JiraTriggerEvent, { kind: 'attachment-created' | 'attachment-deleted' }>;

async function queueAttachment(event: AttachmentEvent, payload: unknown, deps: JiraIntakeDeps): Promise<JiraIntakeOutcome> {
  if (event.issueId === undefined) return 'ignored-kind';
  if (deps.isIssueLinked && !(await deps.isIssueLinked(event.issueId))) return 'ignored-unpaired';
  const action = event.kind === 'attachment-created' ? 'created' : 'deleted';
  const job: SyncJob = { kind: 'jira-attachment', issueId: event.issueId, attachmentId: event.attachmentId, action, ...attachmentHints(payload) };
  return pushOnce(job, deps.queue, deps.pending);
}

export type JiraIntakeOutcome = 'queued' | 'already-queued' | 'ignored-self' | 'ignored-unpaired' | 'ignored-kind' | 'malformed';

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
  return queueJiraTriggerEvent(event, payload, deps);
}

/**
 * A parsed event → at most one job. Shared with the self-hosted service's webhook intake (app/intake/jira-webhook.ts),
 * whose parser yields the same events, so both paths queue exactly the same work.
 */
export async function queueJiraTriggerEvent(event: JiraTriggerEvent, payload: unknown, deps: JiraIntakeDeps): Promise<JiraIntakeOutcome> {
  if ('selfGenerated' in event && event.selfGenerated) return 'ignored-self';
  if (event.kind === 'attachment-created' || event.kind === 'attachment-deleted') return queueAttachment(event, payload, deps);
  const job = jobFor(event);
  if (!job || !('projectKey' in job) || job.projectKey === undefined) return 'ignored-kind';
  if (!(await deps.isProjectPaired(job.projectKey))) return 'ignored-unpaired';
  return pushOnce(job, deps.queue, deps.pending);
}
