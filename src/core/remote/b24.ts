/**
 * Bitrix24 entities as the REST API returns them, after validation by the B24 adapter. tasks.task.* answers in
 * camelCase with string values ("2", "Y"); these types keep that encoding so the mapping layer decides meaning.
 */
export type B24YesNo = 'Y' | 'N';

export interface B24Task {
  id: string;
  title: string;
  /** BBCode when descriptionInBbcode is "Y", HTML on old portals. */
  description: string;
  descriptionInBbcode: B24YesNo;
  /** 2 pending, 3 in progress, 4 awaiting control, 5 completed, 6 deferred (1 new, 7 declined: legacy). */
  status: string;
  /** 0 low, 1 medium, 2 high. */
  priority: string;
  responsibleId: string;
  createdBy: string;
  /** "0" when the task is in no workgroup. */
  groupId: string;
  /** ISO-8601 with the portal's offset, e.g. 2025-10-24T19:00:00+02:00; null when unset. */
  deadline: string | null;
  createdDate: string;
  changedDate: string;
  /** The app writes the paired Jira issue id here (idempotent creation marker). */
  xmlId: string | null;
  taskControl: B24YesNo;
  /** UF_* user fields, keyed as the API returns them (ufCrmTask, ufAuto123…). */
  userFields: Record<string, unknown>;
  /** Task attachment ids (ufTaskWebdavFiles, not Drive object ids); absent when the task has no files. */
  attachmentIds?: string[];
}

/** A legacy task comment (task.commentitem.*), keys as the API returns them. */
export interface B24Comment {
  id: string;
  taskId: string;
  authorId: string;
  authorName: string;
  /** BBCode. */
  message: string;
  postDate: string;
  /** Set for comments of the new task card, which live in the task's chat (im.*). */
  chatMessageId?: string;
}

export interface B24User {
  id: string;
  name: string;
  lastName: string;
  email: string | null;
  active: boolean;
}

export interface B24Group {
  id: string;
  name: string;
}
