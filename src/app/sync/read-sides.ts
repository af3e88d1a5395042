/**
 * Reading each side of a pair and mapping it to the canonical task. The source side is read first so an echo of
 * our own write can be recognised before the other side costs a call.
 */
import type { AdfDoc } from '../../core/adf';
import type { SyncConfig } from '../../core/config';
import { bbcodeToWholeAdf, htmlToWholeAdf } from '../../core/convert';
import type { MappingContext } from '../../core/mapping/context';
import { fromB24Task, fromJiraIssue } from '../../core/mapping/from-side';
import type { CanonicalTask } from '../../core/model';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { SyncContext } from '../sync-context';
import { checkInGroup, checkSecured } from './held-back';

/** UF fields the config reads from tasks: custom mappings and the Jira-only status field. */
export function taskUserFields(config: SyncConfig): string[] {
  const fields = new Set(config.customFields.map((c) => c.b24Field));
  for (const row of config.statuses) if (row.b24Field) fields.add(row.b24Field);
  return [...fields];
}

export function issueCustomFields(config: SyncConfig): string[] {
  return config.customFields.map((c) => c.jiraField);
}

export async function readTask(ctx: SyncContext, taskId: string, config: SyncConfig): Promise<B24Task | null> {
  const task = await ctx.b24.getTask(taskId, { userFields: taskUserFields(config) });
  return task ? checkInGroup(task, config) : null;
}

export async function readIssue(ctx: SyncContext, issueId: string, config: SyncConfig): Promise<JiraIssue | null> {
  const read = await ctx.jira.getIssue(issueId, { customFields: issueCustomFields(config) });
  return read ? checkSecured(read.issue, config) : null;
}

function peopleOfTask(task: B24Task | null): string[] {
  return task ? [task.responsibleId, task.createdBy] : [];
}

function peopleOfIssue(issue: JiraIssue | null): string[] {
  if (!issue) return [];
  return [issue.fields.assignee?.accountId, issue.fields.reporter?.accountId].filter(
    (id): id is string => id !== undefined,
  );
}

export function mappingFor(
  ctx: SyncContext,
  config: SyncConfig,
  task: B24Task | null,
  issue: JiraIssue | null,
): Promise<MappingContext> {
  const format = task?.descriptionInBbcode === 'N' ? 'html' : 'bbcode';
  return ctx.mappingContext(config, { b24: peopleOfTask(task), jira: peopleOfIssue(issue) }, format);
}

export const canonicalOfTask = (task: B24Task, mapping: MappingContext): CanonicalTask => fromB24Task(task, mapping);
export const canonicalOfIssue = (issue: JiraIssue, mapping: MappingContext): CanonicalTask =>
  fromJiraIssue(issue, mapping);

/** The task's description uncut: the canonical one is cut to what Jira holds. */
export const wholeDescriptionOfTask = (task: B24Task): AdfDoc =>
  task.descriptionInBbcode === 'N' ? htmlToWholeAdf(task.description) : bbcodeToWholeAdf(task.description);
