/** Which transitions an issue can take from its current status, and their REST shape. */
import type { JiraWorkflow } from '../contracts';
import type { JiraState, StoredIssue } from './state';
import { statusView } from './views';

export type WorkflowTransition = JiraWorkflow['transitions'][number];

export function availableTransitions(state: JiraState, issue: StoredIssue): WorkflowTransition[] {
  const workflow = state.workflowOf(state.projectOf(issue));
  return workflow.transitions.filter(
    (t) => (t.from.length === 0 || t.from.includes(issue.statusId)) && t.to !== issue.statusId,
  );
}

const FIELD_SCHEMAS: Record<string, { type: string; system: string; name: string }> = {
  resolution: { type: 'resolution', system: 'resolution', name: 'Resolution' },
  assignee: { type: 'user', system: 'assignee', name: 'Assignee' },
  duedate: { type: 'date', system: 'duedate', name: 'Due date' },
};

export function transitionView(
  state: JiraState,
  issue: StoredIssue,
  t: WorkflowTransition,
  withFields: boolean,
): Record<string, unknown> {
  const workflow = state.workflowOf(state.projectOf(issue));
  const required = t.requiredFields ?? [];
  const view: Record<string, unknown> = {
    id: t.id,
    name: t.name,
    to: statusView(state, workflow, t.to),
    hasScreen: required.length > 0,
    isGlobal: t.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
  if (withFields) {
    view.fields = Object.fromEntries(
      required.map((key) => {
        const schema = FIELD_SCHEMAS[key] ?? { type: 'string', system: key, name: key };
        return [
          key,
          {
            required: true,
            schema: { type: schema.type, system: schema.system },
            name: schema.name,
            key,
            hasDefaultValue: false,
            operations: ['set'],
          },
        ];
      }),
    );
  }
  return view;
}
