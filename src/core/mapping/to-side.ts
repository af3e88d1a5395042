/**
 * Canonical changes → the request bodies each side takes. Status is returned apart from the fields because
 * neither side sets it by a field write: Jira moves through transitions, B24 through action methods.
 */
import { adfToBbcode, adfToHtml } from '../convert';
import type { CanonicalTask, CustomValue, Person, Side } from '../model';
import type { MappingContext } from './context';
import { writeB24Custom, writeJiraCustom, ufReadKey } from './custom-fields';
import { dateToDeadline } from './dates';
import { blankTitleRefusal, dueDateRefusal, fitDescription, fitTitle } from './fit-values';
import type { MappingWarning } from './notices';
import {
  b24PriorityTarget,
  b24StatusTarget,
  jiraPriorityTarget,
  jiraStatusTarget,
  type B24StatusTarget,
} from './status';
import type { B24Task } from '../remote/b24';
import { personOn } from './users';

export type CanonicalChanges = Partial<Omit<CanonicalTask, 'custom'>> & { custom?: Record<string, CustomValue> };

export interface JiraWrite {
  /** The `fields` object of POST /issue or PUT /issue/{id}; empty when only the status changes. */
  fields: Record<string, unknown>;
  /** Jira status name to reach through transitions (see planJiraTransition), or null. */
  status: string | null;
  /** People left out, values left unwritten or fitted to what the side holds: each one for the journal. */
  warnings: MappingWarning[];
}

export interface B24Write {
  /** UPPER_CASE fields for tasks.task.add / tasks.task.update; empty when nothing but the status changes. */
  fields: Record<string, unknown>;
  /** B24 status to reach through action methods (see planB24StatusActions), or null. */
  status: string | null;
  /** People left out, values left unwritten or fitted to what the side holds: each one for the journal. */
  warnings: MappingWarning[];
}

function fitted<T extends { notices: MappingWarning[] }>(value: T, warnings: MappingWarning[]): T {
  warnings.push(...value.notices);
  return value;
}

/** The title as `to` can hold it, or undefined (and the refusal in `warnings`) when nothing visible is left. */
function titleFor(to: Side, title: string, warnings: MappingWarning[]): string | undefined {
  const { text } = fitted(fitTitle(to, title), warnings);
  const blank = blankTitleRefusal(to, text);
  if (!blank) return text;
  warnings.push(blank);
  return undefined;
}

function personId(to: Side, person: Person, ctx: MappingContext, warnings: MappingWarning[]): string | undefined {
  const target = personOn(to, person, ctx.config.users.unmatched);
  if ('skip' in target) {
    warnings.push(target.skip);
    return undefined;
  }
  if ('warning' in target) warnings.push(target.warning);
  return 'id' in target ? target.id : target.fallback;
}

export function toJiraFields(changes: CanonicalChanges, ctx: MappingContext, create = false): JiraWrite {
  const { config } = ctx;
  const fields: Record<string, unknown> = create
    ? { project: { key: config.projectKey }, issuetype: { name: config.jiraIssueType } }
    : {};
  const warnings: MappingWarning[] = [];
  const summary = changes.title === undefined ? undefined : titleFor('jira', changes.title, warnings);
  if (summary !== undefined) fields.summary = summary;
  if (changes.description !== undefined)
    fields.description = fitted(fitDescription('jira', changes.description), warnings).doc;
  for (const key of ['assignee', 'reporter'] as const) {
    const person = changes[key];
    if (person === undefined) continue;
    if (person === null) {
      if (key === 'assignee') fields.assignee = null;
      continue;
    }
    const id = personId('jira', person, ctx, warnings);
    if (id !== undefined) fields[key] = { accountId: id };
  }
  if (changes.dueDate !== undefined) fields.duedate = changes.dueDate;
  if (changes.priority !== undefined) {
    const name = jiraPriorityTarget(changes.priority, config.priorities);
    if (name !== null) fields.priority = { name };
  }
  for (const [field, value] of Object.entries(changes.custom ?? {})) {
    const m = config.customFields.find((c) => c.b24Field === field);
    if (m) fields[m.jiraField] = writeJiraCustom(value, m.converter);
  }
  const status = changes.status === undefined ? null : jiraStatusTarget(changes.status, config.statuses);
  return { fields, status, warnings };
}

function statusWrite(
  changes: CanonicalChanges,
  ctx: MappingContext,
  current: B24Task | undefined,
  fields: Record<string, unknown>,
): string | null {
  if (changes.status === undefined) return null;
  const target: B24StatusTarget | null = b24StatusTarget(changes.status, ctx.config.statuses);
  if (target === null) return null;
  if (target.field) {
    const now = current?.userFields[ufReadKey(target.field.name)] ?? current?.userFields[target.field.name];
    // Clearing an already-empty Jira-only status field would cost a write and an echo event for nothing; Bitrix24
    // reads an empty user field back as false (or null), not as "".
    const held = now === false || now === null || now === undefined ? '' : now;
    if (current === undefined || held !== target.field.value) fields[target.field.name] = target.field.value;
  }
  return current?.status === target.status ? null : target.status;
}

/** `current`: the task as last read, so writes it already agrees with (status, status field) are left out. */
export function toB24Fields(
  changes: CanonicalChanges,
  ctx: MappingContext,
  options: { create?: boolean; current?: B24Task } = {},
): B24Write {
  const { config } = ctx;
  const fields: Record<string, unknown> = options.create ? { GROUP_ID: config.b24GroupId } : {};
  const warnings: MappingWarning[] = [];
  const title = changes.title === undefined ? undefined : titleFor('b24', changes.title, warnings);
  if (title !== undefined) fields.TITLE = title;
  if (changes.description !== undefined) {
    const { doc } = fitted(fitDescription('b24', changes.description), warnings);
    fields.DESCRIPTION = ctx.b24DescriptionFormat === 'html' ? adfToHtml(doc) : adfToBbcode(doc);
  }
  for (const [key, name] of [
    ['assignee', 'RESPONSIBLE_ID'],
    ['reporter', 'CREATED_BY'],
  ] as const) {
    const person = changes[key];
    if (person === undefined || person === null) continue;
    const id = personId('b24', person, ctx, warnings);
    if (id !== undefined) fields[name] = id;
  }
  if (changes.dueDate !== undefined) {
    const refusal = changes.dueDate === null ? null : dueDateRefusal(changes.dueDate);
    if (refusal) warnings.push(refusal);
    else
      fields.DEADLINE =
        changes.dueDate === null ? '' : dateToDeadline(changes.dueDate, config.endOfDayTime, config.timeZone);
  }
  if (changes.priority !== undefined) {
    const code = b24PriorityTarget(changes.priority, config.priorities);
    if (code !== null) fields.PRIORITY = code;
  }
  for (const [field, value] of Object.entries(changes.custom ?? {})) {
    const m = config.customFields.find((c) => c.b24Field === field);
    const written = m ? writeB24Custom(value, m.converter, ctx.enumLabels?.[field]) : undefined;
    if (written !== undefined) fields[field] = written;
  }
  const status = statusWrite(changes, ctx, options.current, fields);
  return { fields, status, warnings };
}
