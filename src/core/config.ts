/**
 * Per-project sync configuration: what is paired, which fields flow in which direction, the status and priority
 * tables, user fallbacks, conflict and delete policies, dates and attachment limits. Never holds secrets: the
 * connection is only referenced (domain, auth mode); credentials live in Forge secret storage.
 *
 * validateConfig() checks structure with zod and then meaning (mapping/config-rules.ts), returning every problem
 * as a sentence an administrator can act on, because a half-valid config silently drops or loops changes.
 */
import { z } from 'zod';
import { semanticProblems } from './mapping/config-rules';

export type Direction = 'both' | 'b24-to-jira' | 'jira-to-b24';
export type ConflictPolicy = 'latest-wins' | 'b24-wins' | 'jira-wins';
export type CustomConverter = 'string' | 'number' | 'date' | 'enumeration';

/** The built-in fields of design §6. GROUP_ID ↔ project is the pairing itself, not a field. */
export const STANDARD_FIELDS = ['title', 'description', 'assignee', 'reporter', 'dueDate', 'priority', 'status'] as const;
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

const direction = z.enum(['both', 'b24-to-jira', 'jira-to-b24']);
const policy = z.enum(['latest-wins', 'b24-wins', 'jira-wins']);
const id = z.string().min(1);

const schema = z.object({
  version: z.literal(1),
  connection: z.object({ portalDomain: id, authMode: z.enum(['webhook', 'oauth']) }).nullable(),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a Jira project key such as DEMO'),
  b24GroupId: z.string().regex(/^[1-9]\d*$/, 'must be a Bitrix24 workgroup id such as 1'),
  jiraIssueType: id,
  fields: z.array(z.object({ field: z.string(), direction })),
  customFields: z.array(
    z.object({ b24Field: z.string(), jiraField: z.string(), converter: z.string(), direction }),
  ),
  statuses: z.array(
    z.object({
      b24Status: z.string().nullable(),
      jiraStatus: id,
      direction,
      b24Field: z.string().optional(),
      holdB24Status: z.string().optional(),
    }),
  ),
  priorities: z.array(z.object({ b24Priority: z.enum(['0', '1', '2']), jiraPriority: id, direction })),
  users: z.object({
    overrides: z.array(z.object({ b24UserId: id, jiraAccountId: id })),
    unmatched: z.union([
      z.literal('leave-unchanged'),
      z.object({ defaultB24UserId: id, defaultJiraAccountId: id }),
    ]),
  }),
  conflicts: z.object({ default: policy, perField: z.record(z.string(), policy) }),
  deletes: z.object({ task: z.enum(['close', 'delete', 'unlink']), comment: z.enum(['delete', 'keep']) }),
  timeZone: id,
  endOfDayTime: z.string(),
  attachmentMaxBytes: z.number().int().positive(),
  restricted: z.object({ comments: z.enum(['hold-back', 'copy']), securedIssues: z.enum(['hold-back', 'copy']) }).optional(),
});

/** A problem for a person: the English sentence, and a message code with its parameters that pages word (`errors.<code>`). */
export interface ConfigProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

export type ConfigResult = { ok: true; config: SyncConfig } | { ok: false; problems: ConfigProblem[] };

export function validateConfig(input: unknown): ConfigResult {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: `${issue.path.map(String).join('.') || 'config'} ${issue.message}.`,
        code: 'config.invalid',
        params: { path: issue.path.map(String).join('.') || 'config' },
      })),
    };
  }
  // The structural pass leaves field names and converters as strings so the semantic pass can name them.
  const config = parsed.data as SyncConfig;
  const problems = semanticProblems(config);
  return problems.length === 0 ? { ok: true, config } : { ok: false, problems };
}

/** Design §6 defaults: every standard field, the five B24 statuses plus Jira-only QA Testing, 0/1/2 priorities. */
export function defaultConfig(
  projectKey: string,
  groupId: string,
  overrides: Partial<Omit<SyncConfig, 'projectKey' | 'b24GroupId' | 'version'>> = {},
): SyncConfig {
  return {
    version: 1,
    connection: null,
    projectKey,
    b24GroupId: groupId,
    jiraIssueType: 'Task',
    fields: [
      { field: 'title', direction: 'both' },
      { field: 'description', direction: 'both' },
      { field: 'assignee', direction: 'both' },
      { field: 'reporter', direction: 'b24-to-jira' },
      { field: 'dueDate', direction: 'both' },
      { field: 'priority', direction: 'both' },
      { field: 'status', direction: 'both' },
    ],
    customFields: [],
    statuses: [
      { b24Status: '2', jiraStatus: 'To Do', direction: 'both' },
      { b24Status: '3', jiraStatus: 'In Progress', direction: 'both' },
      { b24Status: '4', jiraStatus: 'In Review', direction: 'b24-to-jira' },
      { b24Status: '6', jiraStatus: 'On Hold', direction: 'both' },
      { b24Status: '5', jiraStatus: 'Done', direction: 'both' },
      { b24Status: null, jiraStatus: 'QA Testing', direction: 'jira-to-b24', b24Field: 'UF_JIRA_STATUS', holdB24Status: '3' },
    ],
    priorities: [
      { b24Priority: '2', jiraPriority: 'High', direction: 'both' },
      { b24Priority: '1', jiraPriority: 'Medium', direction: 'both' },
      { b24Priority: '0', jiraPriority: 'Low', direction: 'both' },
      { b24Priority: '2', jiraPriority: 'Highest', direction: 'jira-to-b24' },
      { b24Priority: '0', jiraPriority: 'Lowest', direction: 'jira-to-b24' },
    ],
    users: { overrides: [], unmatched: 'leave-unchanged' },
    conflicts: { default: 'latest-wins', perField: {} },
    deletes: { task: 'close', comment: 'delete' },
    timeZone: 'UTC',
    endOfDayTime: '18:00',
    attachmentMaxBytes: 10 * 1024 * 1024,
    ...overrides,
  };
}

/** The project's choice for restricted Jira content; holding back unless an administrator chose to copy. */
export function restrictedPolicy(config: SyncConfig): { comments: RestrictedPolicy; securedIssues: RestrictedPolicy } {
  return config.restricted ?? { comments: 'hold-back', securedIssues: 'hold-back' };
}

/** True when values of this direction may be written to `to`. */
export function flowsTo(dir: Direction, to: 'b24' | 'jira'): boolean {
  return dir === 'both' || (to === 'jira' ? dir === 'b24-to-jira' : dir === 'jira-to-b24');
}
