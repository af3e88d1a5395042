/**
 * Data Center webhook bodies, from the product events the shared handlers emit ("Webhooks",
 * developer.atlassian.com/server/jira/platform/webhooks/, "Example callback for an issue-related event"):
 * `timestamp`, `webhookEvent`, `issue_event_type_name`, the acting `user` (v2 `User`: key, name), the whole `issue`
 * as REST v2 prints it, `changelog: {id, items[]}` on updates, `comment` on comment events. A comment also fires
 * jira:issue_updated (`issue_commented`, `issue_comment_edited`, `issue_comment_deleted`), and a file reaches
 * webhooks only as an `Attachment` item of jira:issue_updated.
 */
import type { JiraProductEvent } from '../contracts';
import { issueView } from '../jira/issue-view';
import type { DcSite } from './context';
import { toDc } from './from-cloud';

export interface DcPayload {
  webhookEvent: string;
  issueId: string;
  projectKey: string;
  body: Record<string, unknown>;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});

const COMMENT_EVENTS: Record<string, [string, string]> = {
  'avi:jira:commented:issue': ['comment_created', 'issue_commented'],
  'avi:jira:updated:comment': ['comment_updated', 'issue_comment_edited'],
  'avi:jira:deleted:comment': ['comment_deleted', 'issue_comment_deleted'],
};

const ISSUE_EVENTS: Record<string, [string, string]> = {
  'avi:jira:created:issue': ['jira:issue_created', 'issue_created'],
  'avi:jira:updated:issue': ['jira:issue_updated', 'issue_updated'],
  'avi:jira:deleted:issue': ['jira:issue_deleted', 'issue_deleted'],
};

function attachmentItem(site: DcSite, event: JiraProductEvent): Rec | undefined {
  const a = rec(event.attachment);
  const issue = site.state.issues.get(String(a.issueId));
  if (issue === undefined) return undefined;
  const created = event.eventType === 'avi:jira:created:attachment';
  const item = {
    field: 'Attachment',
    fieldtype: 'jira',
    from: created ? null : String(a.id),
    fromString: created ? null : a.fileName,
    to: created ? String(a.id) : null,
    toString: created ? a.fileName : null,
  };
  return { id: issue.id, changelog: { id: site.state.allocateHistoryId(), items: [item] } };
}

export function dcPayloads(site: DcSite, event: JiraProductEvent, now: number): DcPayload[] {
  const { state, directory } = site;
  const actor = event.atlassianId;
  const eventIssue = rec(event.issue);
  let issueId = String(eventIssue.id);
  let changelog = event.changelog;
  let kind = ISSUE_EVENTS[event.eventType];
  if (event.eventType.endsWith(':attachment')) {
    const item = attachmentItem(site, event);
    if (item === undefined) return [];
    issueId = String(item.id);
    changelog = item.changelog;
    kind = ['jira:issue_updated', 'issue_updated'];
  }
  const stored = state.issues.get(issueId);
  const issue = toDc(
    state,
    directory,
    stored === undefined ? eventIssue : issueView(state, stored, { viewerId: actor ?? state.seed.appAccountId }),
  ) as Rec;
  const projectKey = String(rec(rec(issue.fields).project).key);
  const base = (webhookEvent: string, typeName: string | undefined): Rec => ({
    timestamp: now,
    webhookEvent,
    ...(typeName === undefined ? {} : { issue_event_type_name: typeName }),
    ...(actor === undefined ? {} : { user: directory.view(actor) }),
  });
  const of = (webhookEvent: string, body: Rec): DcPayload => ({ webhookEvent, issueId, projectKey, body });
  if (kind !== undefined)
    return [of(kind[0], { ...base(kind[0], kind[1]), issue, ...(changelog === undefined ? {} : { changelog }) })];
  const comment = COMMENT_EVENTS[event.eventType];
  if (comment === undefined) return [];
  const commentView = toDc(state, directory, event.comment);
  return [
    of(comment[0], { timestamp: now, webhookEvent: comment[0], comment: commentView, issue }),
    of('jira:issue_updated', { ...base('jira:issue_updated', comment[1]), issue, comment: commentView }),
  ];
}
