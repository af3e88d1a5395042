/**
 * The site's fields (`GET /field`) and what each project's screens carry. Create and edit screens are the same
 * screen here (Jira's default screen scheme); a project without `screenFields` in the seed shows every field.
 */
import type { JiraSeedCustomField, JiraSeedProject } from '../contracts';
import type { JiraState } from './state';

export interface FieldSchema {
  type: string;
  system?: string;
  custom?: string;
  customId?: number;
  items?: string;
}

export interface SiteField {
  id: string;
  name: string;
  custom: boolean;
  schema: FieldSchema;
  /** Settable on a screen (false for status, created, … which only Jira sets). */
  onScreens: boolean;
  clauseNames: string[];
}

const system = (id: string, name: string, type: string, onScreens = true, items?: string): SiteField => ({
  id,
  name,
  custom: false,
  schema: { type, system: id, ...(items === undefined ? {} : { items }) },
  onScreens,
  clauseNames: [id],
});

const SYSTEM_FIELDS: SiteField[] = [
  system('summary', 'Summary', 'string'),
  system('description', 'Description', 'string'),
  system('issuetype', 'Issue Type', 'issuetype'),
  system('project', 'Project', 'project'),
  system('assignee', 'Assignee', 'user'),
  system('reporter', 'Reporter', 'user'),
  system('priority', 'Priority', 'priority'),
  system('duedate', 'Due date', 'date'),
  system('labels', 'Labels', 'array', true, 'string'),
  system('attachment', 'Attachment', 'array', true, 'attachment'),
  system('comment', 'Comment', 'comments-page', false),
  system('status', 'Status', 'status', false),
  system('creator', 'Creator', 'user', false),
  system('created', 'Created', 'datetime', false),
  system('updated', 'Updated', 'datetime', false),
  system('resolution', 'Resolution', 'resolution', false),
  system('resolutiondate', 'Resolved', 'datetime', false),
];

const CUSTOM_TYPES: Record<JiraSeedCustomField['type'], { type: string; custom: string }> = {
  string: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
  textarea: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' },
  number: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
  date: { type: 'date', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker' },
  select: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' },
};

const customNumber = (id: string): number => Number(id.replace('customfield_', ''));

function customSiteField(field: JiraSeedCustomField): SiteField {
  return {
    id: field.id,
    name: field.name,
    custom: true,
    onScreens: true,
    schema: { ...CUSTOM_TYPES[field.type], customId: customNumber(field.id) },
    clauseNames: [`cf[${customNumber(field.id)}]`, field.name],
  };
}

export function siteFields(state: JiraState): SiteField[] {
  return [...SYSTEM_FIELDS, ...(state.seed.customFields ?? []).map(customSiteField)];
}

export function customField(state: JiraState, id: string): JiraSeedCustomField | undefined {
  return state.seed.customFields?.find((f) => f.id === id);
}

/** Field ids on the project's create/edit screen. `project` and `issuetype` are always there on create. */
export function screenOf(state: JiraState, project: JiraSeedProject): Set<string> {
  if (project.screenFields !== undefined) return new Set(['project', 'issuetype', ...project.screenFields]);
  return new Set(
    siteFields(state)
      .filter((f) => f.onScreens)
      .map((f) => f.id),
  );
}

/** Option ids are stable per field: the field number times 10 plus the option's position, as seeds never reorder. */
export function optionsOf(field: JiraSeedCustomField): { id: string; value: string }[] {
  return (field.options ?? []).map((value, i) => ({ id: String(customNumber(field.id) * 10 + i + 1), value }));
}
