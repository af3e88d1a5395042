/**
 * Jira Cloud REST v3 entities as the Jira adapter returns them after validation: only the fields the sync reads.
 */
import type { AdfDoc } from '../adf';

export interface JiraUserRef {
  /** The stable identity: Cloud's account id, or Data Center's user key (the login can be renamed). */
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

export interface JiraStatusRef {
  id: string;
  name: string;
  statusCategory?: { key: string };
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: {
    summary: string;
    description: AdfDoc | null;
    assignee: JiraUserRef | null;
    reporter: JiraUserRef | null;
    priority: { id: string; name: string } | null;
    status: JiraStatusRef;
    /** YYYY-MM-DD or null. */
    duedate: string | null;
    project: { id: string; key: string };
    issuetype: { id: string; name: string };
    created: string;
    updated: string;
    /** customfield_* values as Jira returns them. */
    custom: Record<string, unknown>;
    /** The issue security level, when one is set (only people in it may see the issue). */
    security?: { id: string; name: string };
  };
}

/** A comment restricted to a project role or a group (`identifier` is the group id). */
export interface JiraVisibility {
  type: string;
  value?: string;
  identifier?: string;
}

export interface JiraComment {
  id: string;
  issueId: string;
  /** `accountType` is "app" for an app's account (Forge writes as one), "atlassian" for a person. */
  author: (JiraUserRef & { accountType?: string }) | null;
  body: AdfDoc;
  created: string;
  updated: string;
  visibility?: JiraVisibility;
}

export interface JiraTransition {
  id: string;
  name: string;
  to: JiraStatusRef;
  /** Fields the transition screen requires; a sync cannot fill them blindly. */
  requiredFields: string[];
}
