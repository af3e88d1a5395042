/**
 * Per-project sync configuration: what is paired, which fields flow in which direction, the status and priority
 * tables, user fallbacks, conflict and delete policies, dates and attachment limits. Never holds secrets: the
 * connection is only referenced (domain, auth mode); credentials live in Forge secret storage.
 *
 * validateConfig() checks structure with zod and then meaning (rules.ts), returning every problem
 * as a sentence an administrator can act on, because a half-valid config silently drops or loops changes.
 */
import { z } from 'zod';
import { semanticProblems } from './rules';
import type { ConfigResult, RestrictedPolicy, SyncConfig } from './types';

export * from './types';

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
  customFields: z.array(z.object({ b24Field: z.string(), jiraField: z.string(), converter: z.string(), direction })),
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
    unmatched: z.union([z.literal('leave-unchanged'), z.object({ defaultB24UserId: id, defaultJiraAccountId: id })]),
  }),
  conflicts: z.object({ default: policy, perField: z.record(z.string(), policy) }),
  deletes: z.object({ task: z.enum(['close', 'delete', 'unlink']), comment: z.enum(['delete', 'keep']) }),
  timeZone: id,
  endOfDayTime: z.string(),
  attachmentMaxBytes: z.number().int().positive(),
  restricted: z
    .object({ comments: z.enum(['hold-back', 'copy']), securedIssues: z.enum(['hold-back', 'copy']) })
    .optional(),
});

/** A problem for a person: the English sentence, and a message code with its parameters that pages word (`errors.<code>`). */

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
      {
        b24Status: null,
        jiraStatus: 'QA Testing',
        direction: 'jira-to-b24',
        b24Field: 'UF_JIRA_STATUS',
        holdB24Status: '3',
      },
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
