/**
 * A minimal stand-in for both systems for property tests of the merge: applies the request bodies the mapping
 * produces to a B24 task and a Jira issue the way the real APIs store them, so read-backs go through the real
 * mapping in both directions.
 */
import type { B24Write, JiraWrite } from '../../../src/core/mapping/to-side';
import type { B24Task } from '../../../src/core/remote/b24';
import type { JiraIssue, JiraUserRef } from '../../../src/core/remote/jira';
import type { AdfDoc } from '../../../src/core/adf';

export const JIRA_PEOPLE: Record<string, string> = {
  'acc-ada': 'Ada Lovelace',
  'acc-bob': 'Bob Builder',
  'acc-zed': 'Zed Jira',
};

const user = (value: unknown): JiraUserRef | null => {
  if (typeof value !== 'object' || value === null || !('accountId' in value)) return null;
  const accountId = String(value.accountId);
  return { accountId, displayName: JIRA_PEOPLE[accountId] ?? accountId };
};

export function applyToB24(task: B24Task, write: B24Write): B24Task {
  const f = write.fields;
  const str = (k: string, fallback: string): string => (typeof f[k] === 'string' ? f[k] : fallback);
  const userFields = { ...task.userFields };
  for (const [k, v] of Object.entries(f))
    if (k.startsWith('UF_')) userFields[k.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  return {
    ...task,
    title: str('TITLE', task.title),
    description: str('DESCRIPTION', task.description),
    responsibleId: str('RESPONSIBLE_ID', task.responsibleId),
    createdBy: str('CREATED_BY', task.createdBy),
    deadline: 'DEADLINE' in f ? (f.DEADLINE === '' ? null : str('DEADLINE', '')) : task.deadline,
    priority: str('PRIORITY', task.priority),
    status: write.status ?? task.status,
    userFields,
  };
}

export function applyToJira(issue: JiraIssue, write: JiraWrite): JiraIssue {
  const f = write.fields;
  const fields = { ...issue.fields };
  if (typeof f.summary === 'string') fields.summary = f.summary;
  if ('description' in f) fields.description = f.description as AdfDoc;
  if ('assignee' in f) fields.assignee = user(f.assignee);
  if ('reporter' in f) fields.reporter = user(f.reporter) ?? fields.reporter;
  if ('duedate' in f) fields.duedate = f.duedate as string | null;
  if (typeof f.priority === 'object' && f.priority !== null)
    fields.priority = { id: 'p', name: String((f.priority as { name: unknown }).name) };
  if (write.status !== null) fields.status = { id: write.status, name: write.status };
  return { ...issue, fields };
}
