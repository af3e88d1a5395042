/**
 * Forge Jira product events, shaped as Forge delivers them (see test/fixtures/jira/forge-events): the issue is the
 * trimmed form {id, key, fields{summary, issuetype, creator, created, project, reporter, assignee, updated, status}},
 * the actor is `atlassianId`, and `selfGenerated` is true only for the app's own (asApp) writes.
 */
import type { JiraProductEvent } from '../contracts';
import type { Actor } from './auth';
import type { ChangeItem, JiraState, StoredAttachment, StoredComment, StoredIssue } from './state';
import { issueTypeView, jiraTime, projectRef, statusView, userView } from './views';

const accountRef = (accountId: string | null): { accountId: string } | null =>
  accountId === null ? null : { accountId };

function eventIssue(state: JiraState, issue: StoredIssue): Record<string, unknown> {
  const project = state.projectOf(issue);
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      issuetype: issueTypeView(state, issue.issueTypeId),
      creator: accountRef(issue.creator),
      created: jiraTime(issue.created),
      project: projectRef(state, issue.projectId),
      reporter: accountRef(issue.reporter),
      assignee: accountRef(issue.assignee),
      updated: jiraTime(issue.updated),
      status: statusView(state, state.workflowOf(project), issue.statusId),
    },
  };
}

function base(eventType: string, actor: Actor): JiraProductEvent {
  return {
    eventType,
    atlassianId: actor.accountId,
    associatedUsers: [{ accountId: actor.accountId }],
    selfGenerated: actor.isApp,
  };
}

export function issueEvent(
  kind: 'created' | 'updated' | 'deleted',
  state: JiraState,
  actor: Actor,
  issue: StoredIssue,
  changelog?: { id: string; items: ChangeItem[] },
): JiraProductEvent {
  return {
    ...base(`avi:jira:${kind}:issue`, actor),
    issue: eventIssue(state, issue),
    ...(changelog === undefined ? {} : { changelog }),
  };
}

export function commentView(state: JiraState, comment: StoredComment): Record<string, unknown> {
  return {
    self: `${state.seed.baseUrl}/rest/api/3/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: userView(state, comment.authorId),
    body: comment.body,
    updateAuthor: userView(state, comment.updateAuthorId),
    created: jiraTime(comment.created),
    updated: jiraTime(comment.updated),
    jsdPublic: true,
    ...(comment.visibility === undefined ? {} : { visibility: comment.visibility }),
  };
}

export function commentEvent(
  kind: 'commented' | 'deleted',
  state: JiraState,
  actor: Actor,
  issue: StoredIssue,
  comment: StoredComment,
): JiraProductEvent {
  const eventType = kind === 'commented' ? 'avi:jira:commented:issue' : 'avi:jira:deleted:comment';
  return { ...base(eventType, actor), issue: eventIssue(state, issue), comment: commentView(state, comment) };
}

/** Attachment events: Forge's reference gives no example we could read; the body mirrors the REST attachment. */
export function attachmentEvent(
  kind: 'created' | 'deleted',
  state: JiraState,
  actor: Actor,
  attachment: StoredAttachment,
): JiraProductEvent {
  return {
    ...base(`avi:jira:${kind}:attachment`, actor),
    attachment: {
      id: attachment.id,
      issueId: attachment.issueId,
      fileName: attachment.filename,
      mimeType: attachment.mimeType,
      size: attachment.bytes.byteLength,
      created: jiraTime(attachment.created),
      author: { accountId: attachment.authorId },
    },
  };
}
