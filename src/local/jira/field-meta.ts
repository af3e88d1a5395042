/**
 * Field metadata as createmeta and editmeta describe it (`FieldMetadata`): what the caller's screen offers for a
 * project, with allowed values where Jira lists them (priority per the project's scheme, select options).
 */
import type { JiraSeedProject } from '../contracts';
import { projectPriorities } from './fields';
import { customField, optionsOf, type SiteField, siteFields } from './site-fields';
import type { JiraState } from './state';
import { ISSUE_TYPES } from './state';
import { issueTypeView, priorityView, projectRef } from './views';

const OPERATIONS: Record<string, string[]> = {
  labels: ['add', 'set', 'remove'],
  attachment: [],
  comment: ['add', 'edit', 'remove'],
};

function allowedValues(state: JiraState, project: JiraSeedProject, field: SiteField): unknown[] | undefined {
  const base = state.seed.baseUrl;
  switch (field.id) {
    case 'priority':
      return projectPriorities(project).map((p) => priorityView(state, p.id));
    case 'issuetype':
      return ISSUE_TYPES.map((t) => issueTypeView(state, t.id));
    case 'project':
      return [projectRef(state, project.id)];
    default: {
      const custom = field.custom ? customField(state, field.id) : undefined;
      if (custom?.type !== 'select') return undefined;
      return optionsOf(custom).map((o) => ({
        self: `${base}/rest/api/3/customFieldOption/${o.id}`,
        value: o.value,
        id: o.id,
      }));
    }
  }
}

export function fieldMeta(
  state: JiraState,
  project: JiraSeedProject,
  field: SiteField,
  mode: 'create' | 'edit',
): Record<string, unknown> {
  const values = allowedValues(state, project, field);
  const required =
    ['summary', 'project', 'issuetype'].includes(field.id) || (mode === 'create' && field.id === 'reporter');
  const defaults =
    field.id === 'priority'
      ? { hasDefaultValue: true, defaultValue: priorityView(state, '3') }
      : { hasDefaultValue: mode === 'create' && field.id === 'reporter' };
  return {
    required,
    schema: field.schema,
    name: field.name,
    key: field.id,
    ...(field.id === 'assignee' || field.id === 'reporter'
      ? {
          autoCompleteUrl: `${state.seed.baseUrl}/rest/api/3/user/${field.id === 'assignee' ? 'assignable/' : ''}search?${field.id === 'assignee' ? `project=${project.key}&` : ''}query=`,
        }
      : {}),
    ...defaults,
    operations: OPERATIONS[field.id] ?? ['set'],
    ...(values === undefined ? {} : { allowedValues: values }),
  };
}

/** The fields on `screen`, in the site's field order. */
export function fieldsOnScreen(state: JiraState, screen: ReadonlySet<string>): SiteField[] {
  return siteFields(state).filter((f) => screen.has(f.id));
}
