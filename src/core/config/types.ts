/**
 * The shape of a project's sync configuration and of the problems found in one: the types every layer reads,
 * apart from the checks (rules.ts) and the validation (index.ts) that produce them.
 */
export type Direction = 'both' | 'b24-to-jira' | 'jira-to-b24';
export type ConflictPolicy = 'latest-wins' | 'b24-wins' | 'jira-wins';
export type CustomConverter = 'string' | 'number' | 'date' | 'enumeration';

/** The built-in fields of design §6. GROUP_ID ↔ project is the pairing itself, not a field. */
export const STANDARD_FIELDS = [
  'title',
  'description',
  'assignee',
  'reporter',
  'dueDate',
  'priority',
  'status',
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

export interface FieldMapping {
  field: StandardField;
  direction: Direction;
}

export interface CustomFieldMapping {
  /** As written to B24, e.g. UF_AUTO_123 (read back camelCased as ufAuto123). */
  b24Field: string;
  /** e.g. customfield_10042 */
  jiraField: string;
  converter: CustomConverter;
  direction: Direction;
}

export interface StatusRow {
  /** B24 status code ("2".."6"); null for a Jira-only status. */
  b24Status: string | null;
  /** Jira status name (matched case-insensitively; names are what admins see and type). */
  jiraStatus: string;
  direction: Direction;
  /**
   * Jira-only rows: the B24 user field that receives the Jira status name, and the B24 status the task holds
   * meanwhile (design §6: QA Testing is written to a custom field, the B24 task stays in progress).
   */
  b24Field?: string;
  holdB24Status?: string;
}

export interface PriorityRow {
  /** 0 low, 1 medium, 2 high. */
  b24Priority: '0' | '1' | '2';
  jiraPriority: string;
  direction: Direction;
}

export interface UserOverride {
  b24UserId: string;
  jiraAccountId: string;
}

export type UnmatchedUserFallback = 'leave-unchanged' | { defaultB24UserId: string; defaultJiraAccountId: string };

export type DeletePolicy = 'close' | 'delete' | 'unlink';
/** What happens to Jira content only some people may see (a restricted comment, an issue under a security level). */
export type RestrictedPolicy = 'hold-back' | 'copy';
export type CommentDeletePolicy = 'delete' | 'keep';

export interface SyncConfig {
  version: 1;
  /** A reference to the app-wide connection; null until the admin connects a portal. */
  connection: { portalDomain: string; authMode: 'webhook' | 'oauth' } | null;
  projectKey: string;
  b24GroupId: string;
  /** Issue type for issues created from tasks. */
  jiraIssueType: string;
  fields: FieldMapping[];
  customFields: CustomFieldMapping[];
  statuses: StatusRow[];
  priorities: PriorityRow[];
  users: { overrides: UserOverride[]; unmatched: UnmatchedUserFallback };
  conflicts: { default: ConflictPolicy; perField: Record<string, ConflictPolicy> };
  deletes: { task: DeletePolicy; comment: CommentDeletePolicy };
  /** IANA zone of the portal; due dates are converted in it, never in UTC. */
  timeZone: string;
  /** 'HH:MM' local time a Jira due date becomes as a B24 DEADLINE. */
  endOfDayTime: string;
  attachmentMaxBytes: number;
  /** Absent means hold back both: Bitrix24 shows a task to all its members, so nothing restricted crosses by default. */
  restricted?: { comments: RestrictedPolicy; securedIssues: RestrictedPolicy };
}

export interface ConfigProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

export type ConfigResult = { ok: true; config: SyncConfig } | { ok: false; problems: ConfigProblem[] };

/** A Bitrix24 user field's name as the REST API writes it (UF_AUTO_123); both the custom pairs and status rows name one. */
export const B24_USER_FIELD = /^UF_[A-Z0-9_]+$/;

/** True when values of this direction may be written to `to`. */
export function flowsTo(dir: Direction, to: 'b24' | 'jira'): boolean {
  return dir === 'both' || (to === 'jira' ? dir === 'b24-to-jira' : dir === 'jira-to-b24');
}
