/**
 * The webhook bodies a change produces, built from the product event the emulator already emits for Forge. Shapes
 * follow developer.atlassian.com/cloud/jira/platform/webhooks/: `timestamp`, `webhookEvent`, the acting `user` on
 * issue events, `issue` with its `self`, `changelog{id, items}`, `comment`, `attachment` (which names no issue).
 * As on Jira, a comment also fires jira:issue_updated (issue_commented), and a file is recorded as an `Attachment`
 * item of the issue's history, so jira:issue_updated carries it too.
 */
import type { JiraProductEvent } from '../contracts';
import type { JiraState } from './state';
import { userView } from './views';

export interface WebhookPayload {
  webhookEvent: string;
  projectKey: string | undefined;
  issueId: string | undefined;
  body: Record<string, unknown>;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});

function withSelf(state: JiraState, issue: Rec): Rec {
  return { ...issue, self: `${state.seed.baseUrl}/rest/api/3/issue/${String(issue.id)}` };
}

/** Comment events carry a trimmed issue: Atlassian lists summary, issuetype, project, assignee, priority, status. */
function trimmedIssue(state: JiraState, issue: Rec): Rec {
  const f = rec(issue.fields);
  const fields: Rec = {};
  for (const k of ['summary', 'issuetype', 'project', 'assignee', 'priority', 'status']) if (k in f) fields[k] = f[k];
  return { id: issue.id, key: issue.key, self: withSelf(state, issue).self, fields };
}

function issueOfAttachment(state: JiraState, attachment: Rec): Rec | undefined {
  const stored = state.issues.get(String(attachment.issueId));
  if (stored === undefined) return undefined;
  const project = state.projectOf(stored);
  return {
    id: stored.id,
    key: stored.key,
    fields: { summary: stored.summary, project: { id: project.id, key: project.key, name: project.name } },
  };
}

const COMMENT_EVENTS: Record<string, [string, string]> = {
  'avi:jira:commented:issue': ['comment_created', 'issue_commented'],
  'avi:jira:updated:comment': ['comment_updated', 'issue_comment_edited'],
  'avi:jira:deleted:comment': ['comment_deleted', 'issue_comment_deleted'],
};

export function webhookPayloads(state: JiraState, event: JiraProductEvent, now: number): WebhookPayload[] {
  const base = (webhookEvent: string): Rec => ({ timestamp: now, webhookEvent });
  const user = event.atlassianId === undefined ? {} : { user: userView(state, event.atlassianId) };
  const issue = rec(event.issue);
  const projectKey = (i: Rec) => String(rec(rec(i.fields).project).key);
  const of = (webhookEvent: string, i: Rec, body: Rec): WebhookPayload => ({
    webhookEvent,
    projectKey: projectKey(i),
    issueId: String(i.id),
    body: { ...base(webhookEvent), ...body },
  });
  switch (event.eventType) {
    case 'avi:jira:created:issue':
      return [
        of('jira:issue_created', issue, {
          issue_event_type_name: 'issue_created',
          ...user,
          issue: withSelf(state, issue),
        }),
      ];
    case 'avi:jira:updated:issue':
      return [
        of('jira:issue_updated', issue, {
          issue_event_type_name: 'issue_generic',
          ...user,
          issue: withSelf(state, issue),
          changelog: event.changelog,
        }),
      ];
    case 'avi:jira:deleted:issue':
      return [
        of('jira:issue_deleted', issue, {
          issue_event_type_name: 'issue_deleted',
          ...user,
          issue: withSelf(state, issue),
        }),
      ];
    case 'avi:jira:commented:issue':
    case 'avi:jira:updated:comment':
    case 'avi:jira:deleted:comment': {
      const [webhookEvent, typeName] = COMMENT_EVENTS[event.eventType] ?? ['', ''];
      return [
        of(webhookEvent, issue, { comment: event.comment, issue: trimmedIssue(state, issue) }),
        of('jira:issue_updated', issue, {
          issue_event_type_name: typeName,
          ...user,
          issue: withSelf(state, issue),
          comment: event.comment,
        }),
      ];
    }
    case 'avi:jira:created:attachment':
    case 'avi:jira:deleted:attachment': {
      const created = event.eventType === 'avi:jira:created:attachment';
      const a = rec(event.attachment);
      const attachment = {
        self: `${state.seed.baseUrl}/rest/api/3/attachment/${String(a.id)}`,
        id: a.id,
        filename: a.fileName,
        author: userView(state, String(rec(a.author).accountId)),
        created: a.created,
        size: a.size,
        mimeType: a.mimeType,
        content: `${state.seed.baseUrl}/rest/api/3/attachment/content/${String(a.id)}`,
      };
      const own: WebhookPayload = {
        webhookEvent: created ? 'attachment_created' : 'attachment_deleted',
        projectKey: undefined,
        issueId: undefined,
        body: { ...base(created ? 'attachment_created' : 'attachment_deleted'), attachment },
      };
      const parent = issueOfAttachment(state, a);
      if (parent === undefined) return [own];
      const item = {
        field: 'Attachment',
        fieldtype: 'jira',
        fieldId: 'attachment',
        from: created ? null : String(a.id),
        fromString: created ? null : a.fileName,
        to: created ? String(a.id) : null,
        toString: created ? a.fileName : null,
      };
      return [
        own,
        of('jira:issue_updated', parent, {
          issue_event_type_name: 'issue_updated',
          ...user,
          issue: withSelf(state, parent),
          changelog: { id: state.allocateHistoryId(), items: [item] },
        }),
      ];
    }
    default:
      return [];
  }
}
