/**
 * Each side's entity → the canonical task. Pure reads: nothing here decides what to write.
 */
import { emptyAdfDoc } from '../adf';
import { bbcodeToAdf, htmlToAdf } from '../convert';
import type { CanonicalTask, CustomValue, Person } from '../model';
import type { B24Task } from '../remote/b24';
import type { JiraIssue, JiraUserRef } from '../remote/jira';
import type { MappingContext } from './context';
import { readB24Custom, readJiraCustom, ufReadKey } from './custom-fields';
import { deadlineToDate } from './dates';
import { readB24Priority, readB24Status, readJiraPriority, readJiraStatus } from './status';

function b24Person(id: string, ctx: MappingContext): Person | null {
  if (id === '' || id === '0') return null;
  return ctx.users.fromB24(id, ctx.b24UserNames?.[id] ?? `Bitrix24 user ${id}`);
}

function jiraPerson(ref: JiraUserRef | null, ctx: MappingContext): Person | null {
  return ref === null ? null : ctx.users.fromJira(ref.accountId, ref.displayName);
}

export function fromB24Task(task: B24Task, ctx: MappingContext): CanonicalTask {
  const { config } = ctx;
  const custom: Record<string, CustomValue> = {};
  for (const m of config.customFields) {
    const raw = task.userFields[ufReadKey(m.b24Field)] ?? task.userFields[m.b24Field];
    custom[m.b24Field] = readB24Custom(raw, m.converter, ctx.enumLabels?.[m.b24Field]);
  }
  return {
    title: task.title,
    description: task.descriptionInBbcode === 'N' ? htmlToAdf(task.description) : bbcodeToAdf(task.description),
    status: readB24Status(task.status, task.userFields, config.statuses),
    priority: readB24Priority(task.priority),
    assignee: b24Person(task.responsibleId, ctx),
    reporter: b24Person(task.createdBy, ctx),
    dueDate: deadlineToDate(task.deadline, config.timeZone),
    custom,
  };
}

export function fromJiraIssue(issue: JiraIssue, ctx: MappingContext): CanonicalTask {
  const { config } = ctx;
  const f = issue.fields;
  const custom: Record<string, CustomValue> = {};
  for (const m of config.customFields) custom[m.b24Field] = readJiraCustom(f.custom[m.jiraField], m.converter);
  return {
    title: f.summary,
    description: f.description ?? emptyAdfDoc(),
    status: readJiraStatus(f.status.name, config.statuses),
    priority: readJiraPriority(f.priority?.name ?? null, config.priorities),
    assignee: jiraPerson(f.assignee, ctx),
    reporter: jiraPerson(f.reporter, ctx),
    dueDate: f.duedate,
    custom,
  };
}
