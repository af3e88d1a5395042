/** The emulated site's stored records: issues with their history and properties, comments, attachments. */
import type { AdfDoc } from './adf';

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface History {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  statusId: string;
  resolution: { id: string; name: string } | null;
  resolutionDate: number | null;
  assignee: string | null;
  reporter: string | null;
  creator: string;
  priorityId: string | null;
  duedate: string | null;
  labels: string[];
  custom: Record<string, unknown>;
  created: number;
  updated: number;
  properties: Map<string, unknown>;
  histories: History[];
}

export interface StoredComment {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfDoc;
  created: number;
  updated: number;
  visibility?: { type: string; value?: string; identifier?: string };
}

export interface StoredAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  authorId: string;
  created: number;
}
