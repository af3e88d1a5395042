/**
 * A Jira event, from the trigger's (or webhook's) payload to a queued job. Events of unpaired projects and the
 * app's own writes (sync/echo.ts: a second check behind Forge's ignoreSelf, the only one where there is none) are
 * dropped without a write.
 */
import { isSyncError } from '../../core/errors';
import { attachmentHints } from '../attachments/event-hints';
import type { SyncJob } from '../sync-jobs';
import { OwnWrites } from '../sync/echo';
import { queueOnce, type IntakeDeps } from './intake-deps';
import { parseJiraTriggerEvent, type JiraTriggerEvent } from './jira-event-parser';
import { storesOf } from '../store/stores';

/** The pieces one event works with, built from the runtime's ports. */
interface JiraIntake {
  log: IntakeDeps['log'];
  queue: (job: SyncJob) => Promise<'queued' | 'already-queued'>;
  isProjectPaired(projectKey: string): Promise<boolean>;
  /** Attachment events name an issue but no project: those of issues without a link are dropped here. */
  isIssueLinked(issueId: string): Promise<boolean>;
}

function intakeOf(deps: IntakeDeps): JiraIntake {
  const configs = storesOf(deps).configs;
  const links = storesOf(deps).links;
  return {
    log: deps.log,
    queue: queueOnce(deps),
    isProjectPaired: async (projectKey) => (await configs.get(projectKey)) !== null,
    isIssueLinked: async (issueId) => (await links.byIssue(issueId)) !== null,
  };
}

type AttachmentEvent = Extract<JiraTriggerEvent, { kind: 'attachment-created' | 'attachment-deleted' }>;

async function queueAttachment(event: AttachmentEvent, payload: unknown, deps: JiraIntake): Promise<JiraIntakeOutcome> {
  if (event.issueId === undefined) return 'ignored-kind';
  if (!(await deps.isIssueLinked(event.issueId))) return 'ignored-unpaired';
  const action = event.kind === 'attachment-created' ? 'created' : 'deleted';
  const job: SyncJob = {
    kind: 'jira-attachment',
    issueId: event.issueId,
    attachmentId: event.attachmentId,
    action,
    ...attachmentHints(payload),
  };
  return deps.queue(job);
}

export type JiraIntakeOutcome =
  'queued' | 'already-queued' | 'ignored-self' | 'ignored-unpaired' | 'ignored-kind' | 'malformed';

function jobFor(event: JiraTriggerEvent): SyncJob | null {
  switch (event.kind) {
    case 'issue-created':
    case 'issue-updated':
      return { kind: 'issue-changed', issueId: event.issueId, projectKey: event.projectKey };
    case 'issue-deleted':
      return { kind: 'issue-deleted', issueId: event.issueId, projectKey: event.projectKey };
    case 'comment-upserted':
      return {
        kind: 'jira-comment',
        issueId: event.issueId,
        projectKey: event.projectKey,
        commentId: event.commentId,
        action: 'upserted',
      };
    case 'comment-deleted':
      return {
        kind: 'jira-comment',
        issueId: event.issueId,
        projectKey: event.projectKey,
        commentId: event.commentId,
        action: 'deleted',
      };
    default:
      return null;
  }
}

export async function receiveJiraEvent(payload: unknown, runtime: IntakeDeps): Promise<JiraIntakeOutcome> {
  const deps = intakeOf(runtime);
  let event: JiraTriggerEvent;
  try {
    event = parseJiraTriggerEvent(payload);
  } catch (error) {
    deps.log.warn('dropped a malformed Jira event', { error: isSyncError(error) ? error.message : String(error) });
    return 'malformed';
  }
  return queueJiraTriggerEvent(event, payload, runtime);
}

/**
 * A parsed event → at most one job. Shared with the self-hosted service's webhook intake (jira-webhook.ts), whose
 * parser yields the same events, so both paths queue exactly the same work.
 */
export async function queueJiraTriggerEvent(
  event: JiraTriggerEvent,
  payload: unknown,
  runtime: IntakeDeps,
): Promise<JiraIntakeOutcome> {
  const deps = intakeOf(runtime);
  if (
    'selfGenerated' in event &&
    new OwnWrites(runtime.kv, runtime.ownAccounts).eventIsOwn({
      selfGenerated: event.selfGenerated,
      ...(event.atlassianId ? { actorAccountId: event.atlassianId } : {}),
    })
  )
    return 'ignored-self';
  if (event.kind === 'attachment-created' || event.kind === 'attachment-deleted')
    return queueAttachment(event, payload, deps);
  const job = jobFor(event);
  if (!job || !('projectKey' in job) || job.projectKey === undefined) return 'ignored-kind';
  if (!(await deps.isProjectPaired(job.projectKey))) return 'ignored-unpaired';
  return deps.queue(job);
}
