/**
 * What the sync needs from Jira: Cloud REST v3 (src/adapters/jira) or Data Center REST v2 (src/adapters/jira-dc).
 * A user's `accountId` is the flavour's stable identity: Cloud's account id, Data Center's user key (never the
 * login, which an administrator can rename). A search page token is opaque: Cloud's `nextPageToken`, Data
 * Center's offset. Every method returns validated shapes from core/remote/jira and
 * throws only SyncError subclasses (core/errors). Reads of a single entity return `null` for "gone" (404) because
 * a deleted issue or comment is a normal sync outcome, not a failure.
 */
import type { AdfDoc } from '../core/adf';
import type { JiraComment, JiraIssue, JiraStatusRef, JiraTransition, JiraUserRef } from '../core/remote/jira';

/** Field values in Jira's write format (see jira-and-adf.md §1); only the fields being written. */
export interface JiraFieldsInput {
  summary?: string;
  description?: AdfDoc | null;
  assignee?: { accountId: string } | null;
  reporter?: { accountId: string };
  priority?: { id: string } | { name: string };
  duedate?: string | null;
  project?: { id: string } | { key: string };
  issuetype?: { id: string } | { name: string };
  [customField: `customfield_${string}`]: unknown;
}

export interface JiraEntityProperty {
  key: string;
  value: unknown;
}

export interface JiraIssueRead {
  issue: JiraIssue;
  /** Present when requested with `withTransitions`. */
  transitions?: JiraTransition[];
  /** Requested issue properties that exist, by key. */
  properties: Record<string, unknown>;
}

export interface GetIssueOptions {
  withTransitions?: boolean;
  /** customfield_* ids to read besides the standard sync fields. */
  customFields?: string[];
  properties?: string[];
}

export interface JiraSearchOptions {
  customFields?: string[];
  maxResults?: number;
  nextPageToken?: string;
  /** Ids just written, for read-after-write consistency (≤ 50). */
  reconcileIssues?: number[];
}

export interface JiraSearchPage {
  issues: JiraIssue[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

/** One element of `POST /issue/bulk`: the fields, the marker properties, and the first status hop if any. */
export interface JiraBulkCreateItem {
  fields: JiraFieldsInput;
  properties?: JiraEntityProperty[];
  transitionId?: string;
}

/** Per element, in request order: what was created, or why Jira refused that element. */
export type JiraBulkCreateOutcome =
  | { ok: true; id: string; key: string }
  | { ok: false; status: number; message: string; fieldErrors: Record<string, string> };

/** A search hit with the issue properties that were asked for. */
export interface JiraSearchItem {
  issue: JiraIssue;
  properties: Record<string, unknown>;
  /** Comments, when asked for (`withComments`), oldest first. */
  comments?: JiraComment[];
  /** Attachments' metadata, when asked for (`withAttachments`). */
  attachments?: JiraAttachmentMeta[];
}

export interface JiraAttachmentMeta {
  id: string;
  filename: string;
  size: number;
  mimeType?: string;
}

export interface JiraUser extends JiraUserRef {
  accountType: string;
  active: boolean;
}

/** A field of the site (`GET /field`). */
export interface JiraFieldInfo {
  id: string;
  name: string;
  custom: boolean;
  /** The schema type: string, number, date, option, user, array… */
  type?: string;
}

/** A field on a project's create screen for one issue type, with its allowed values where Jira lists them. */
export interface JiraFieldMeta {
  id: string;
  name: string;
  required: boolean;
  type?: string;
  allowedValues?: { id: string; name: string }[];
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

export interface JiraIssueTypeStatuses {
  issueTypeId: string;
  issueTypeName: string;
  statuses: JiraStatusRef[];
}

export interface JiraAttachment {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
}

export interface JiraFileUpload {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

export interface JiraPort {
  getIssue(issueIdOrKey: string, options?: GetIssueOptions): Promise<JiraIssueRead | null>;
  /** `properties` are set in the same call (the idempotent-creation marker). */
  createIssue(fields: JiraFieldsInput, properties?: JiraEntityProperty[]): Promise<{ id: string; key: string }>;
  updateIssue(issueIdOrKey: string, fields: JiraFieldsInput): Promise<void>;
  deleteIssue(issueIdOrKey: string, options?: { deleteSubtasks?: boolean }): Promise<void>;
  getTransitions(issueIdOrKey: string): Promise<JiraTransition[]>;
  doTransition(issueIdOrKey: string, transitionId: string, fields?: JiraFieldsInput): Promise<void>;
  /** Every comment, oldest first (all pages). */
  getComments(issueIdOrKey: string): Promise<JiraComment[]>;
  getComment(issueIdOrKey: string, commentId: string): Promise<JiraComment | null>;
  addComment(issueIdOrKey: string, body: AdfDoc, properties?: JiraEntityProperty[]): Promise<JiraComment>;
  updateComment(issueIdOrKey: string, commentId: string, body: AdfDoc): Promise<JiraComment>;
  deleteComment(issueIdOrKey: string, commentId: string): Promise<void>;
  getIssueProperty(issueIdOrKey: string, key: string): Promise<unknown>;
  setIssueProperty(issueIdOrKey: string, key: string, value: unknown): Promise<void>;
  /** Removes the property; one that is not there is not an error (the goal, no property, is reached). */
  deleteIssueProperty(issueIdOrKey: string, key: string): Promise<void>;
  searchJql(jql: string, options?: JiraSearchOptions): Promise<JiraSearchPage>;
  /** `/search/jql` with issue properties (≤ 5 keys) and optionally the comments of each issue. */
  searchIssues(
    jql: string,
    options: JiraSearchOptions & { properties: string[]; withComments?: boolean; withAttachments?: boolean },
  ): Promise<{ items: JiraSearchItem[]; nextPageToken?: string }>;
  /** `POST /issue/bulk`, ≤ 50 elements; a refused element does not stop the others. */
  createIssues(items: JiraBulkCreateItem[]): Promise<JiraBulkCreateOutcome[]>;
  /** `/user/search`: matches display name or e-mail prefix; hidden e-mails come back without `emailAddress`. */
  findUsers(query: string): Promise<JiraUser[]>;
  getUser(accountId: string): Promise<JiraUser | null>;
  /** `/users/search`: every account, inactive and app ones too, hidden e-mails absent; at most 1000 a page. */
  listUsers(startAt: number, maxResults: number): Promise<JiraUser[]>;
  /**
   * `/user/email/bulk` (asApp, scope read:email-address:jira): accountId → e-mail whatever the profile's
   * visibility; accounts Jira does not know are left out. Throws when the site refuses or is unreachable.
   */
  getUserEmails(accountIds: string[]): Promise<Map<string, string>>;
  getMyself(): Promise<JiraUser>;
  /** Permission key → granted, for the caller (the app under asApp). */
  getMyPermissions(
    permissions: string[],
    scope?: { projectKey?: string; issueId?: string },
  ): Promise<Record<string, boolean>>;
  /** Every field of the site, system and custom. */
  getFields(): Promise<JiraFieldInfo[]>;
  /** The fields the project's create screen offers for the named issue type (priorities per the project's scheme). */
  getCreateFieldMeta(projectKey: string, issueTypeName: string): Promise<JiraFieldMeta[]>;
  getProjectStatuses(projectIdOrKey: string): Promise<JiraIssueTypeStatuses[]>;
  getProject(projectIdOrKey: string): Promise<JiraProject | null>;
  addAttachment(issueIdOrKey: string, file: JiraFileUpload): Promise<JiraAttachment[]>;
  getAttachmentContent(attachmentId: string): Promise<Uint8Array>;
}
