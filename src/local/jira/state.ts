/** The emulated site's data: users, projects and their workflows, issues, comments, attachments. In memory only. */
import type { JiraSeed, JiraSeedProject, JiraSeedUser, JiraWorkflow } from '../contracts';
import { issueNotFound } from './errors';
import type { StoredAttachment, StoredComment, StoredIssue } from './records';
import { JiraCredentials } from './credentials';
import { SearchIndex } from './search-index';
import { JiraWebhookRegistry } from './webhook-registry';
import { defaultWorkflow } from './workflow';

export type { ChangeItem, History, StoredAttachment, StoredComment, StoredIssue } from './records';

export const ISSUE_TYPES = [
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.' },
  { id: '10002', name: 'Bug', description: 'A problem or error.' },
  { id: '10003', name: 'Story', description: 'Functionality or a feature expressed as a user goal.' },
] as const;

export const PRIORITIES = [
  { id: '1', name: 'Highest', statusColor: '#d04437' },
  { id: '2', name: 'High', statusColor: '#f15C75' },
  { id: '3', name: 'Medium', statusColor: '#f79232' },
  { id: '4', name: 'Low', statusColor: '#707070' },
  { id: '5', name: 'Lowest', statusColor: '#999999' },
] as const;
export const DEFAULT_PRIORITY_ID = '3';

export class JiraState {
  readonly issues = new Map<string, StoredIssue>();
  readonly comments = new Map<string, StoredComment>();
  readonly attachments = new Map<string, StoredAttachment>();
  readonly searchIndex = new SearchIndex();
  readonly credentials = new JiraCredentials();
  readonly webhooks = new JiraWebhookRegistry();
  private readonly keyCounters = new Map<string, number>();
  private nextIssueId = 10000;
  private nextCommentId = 10000;
  private nextAttachmentId = 10000;
  private nextHistoryId = 10000;

  constructor(readonly seed: JiraSeed) {}

  user(accountId: string): JiraSeedUser | undefined {
    return this.seed.users.find((u) => u.accountId === accountId);
  }

  isKnownAccount(accountId: string): boolean {
    return accountId === this.seed.appAccountId || this.user(accountId) !== undefined;
  }

  projectByIdOrKey(idOrKey: string): JiraSeedProject | undefined {
    const upper = idOrKey.toUpperCase();
    return this.seed.projects.find((p) => p.id === idOrKey || p.key.toUpperCase() === upper);
  }

  projectOf(issue: StoredIssue): JiraSeedProject {
    const project = this.seed.projects.find((p) => p.id === issue.projectId);
    if (project === undefined) throw new Error(`issue ${issue.id} has no project`);
    return project;
  }

  workflowOf(project: JiraSeedProject): JiraWorkflow {
    return project.workflow ?? defaultWorkflow;
  }

  /** Ids and keys both work; keys are case-insensitive as in Jira. */
  findIssue(idOrKey: string): StoredIssue | undefined {
    const direct = this.issues.get(idOrKey);
    if (direct !== undefined) return direct;
    const upper = idOrKey.toUpperCase();
    for (const issue of this.issues.values()) if (issue.key === upper) return issue;
    return undefined;
  }

  requireIssue(idOrKey: string): StoredIssue {
    const issue = this.findIssue(idOrKey);
    if (issue === undefined) throw issueNotFound();
    return issue;
  }

  allocateIssue(project: JiraSeedProject): { id: string; key: string } {
    const n = (this.keyCounters.get(project.key) ?? 0) + 1;
    this.keyCounters.set(project.key, n);
    return { id: String(this.nextIssueId++), key: `${project.key}-${n}` };
  }

  allocateCommentId(): string {
    return String(this.nextCommentId++);
  }

  allocateAttachmentId(): string {
    return String(this.nextAttachmentId++);
  }

  allocateHistoryId(): string {
    return String(this.nextHistoryId++);
  }

  commentsOf(issueId: string): StoredComment[] {
    return [...this.comments.values()].filter((c) => c.issueId === issueId);
  }

  attachmentsOf(issueId: string): StoredAttachment[] {
    return [...this.attachments.values()].filter((a) => a.issueId === issueId);
  }

  /** Cascading delete: Jira emits no comment/attachment events for these. */
  deleteIssue(issue: StoredIssue): void {
    this.issues.delete(issue.id);
    for (const c of this.commentsOf(issue.id)) this.comments.delete(c.id);
    for (const a of this.attachmentsOf(issue.id)) this.attachments.delete(a.id);
  }
}
