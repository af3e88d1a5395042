/** Moving an issue to a transition's target status, with the resolution Jira sets or clears on the way. */
import type { ChangeItem, JiraState, StoredIssue } from './state';
import type { WorkflowTransition } from './transition-rules';

export function applyTransition(
  state: JiraState,
  issue: StoredIssue,
  transition: WorkflowTransition,
  now: number,
): ChangeItem[] {
  const workflow = state.workflowOf(state.projectOf(issue));
  const name = (statusId: string): string => workflow.statuses.find((s) => s.id === statusId)?.name ?? statusId;
  const items: ChangeItem[] = [
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: issue.statusId,
      fromString: name(issue.statusId),
      to: transition.to,
      toString: name(transition.to),
    },
  ];
  const toDone = workflow.statuses.find((s) => s.id === transition.to)?.category === 'done';
  if (toDone && issue.resolution === null) {
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: null,
      fromString: null,
      to: '10000',
      toString: 'Done',
    });
    issue.resolution = { id: '10000', name: 'Done' };
    issue.resolutionDate = now;
  } else if (!toDone && issue.resolution !== null) {
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: issue.resolution.id,
      fromString: issue.resolution.name,
      to: null,
      toString: null,
    });
    issue.resolution = null;
    issue.resolutionDate = null;
  }
  issue.statusId = transition.to;
  return items;
}

/** Jira accepts the transition id as a string or a number. */
export function transitionIdOf(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Jira accepts `transition.id` as a number too, though the spec types it as a string: read it as its string. */
export function withStringTransitionId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const transition = (body as { transition?: unknown }).transition;
  if (typeof transition !== 'object' || transition === null) return body;
  const id = (transition as { id?: unknown }).id;
  return typeof id === 'number' ? { ...body, transition: { ...transition, id: String(id) } } : body;
}
