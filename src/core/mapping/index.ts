/** Public API of the mapping layer: B24 task ⇄ canonical ⇄ Jira issue, and status moves on each side. */
export type { MappingContext } from './context';
export { fromB24Task, fromJiraIssue } from './from-side';
export { toJiraFields, toB24Fields, type CanonicalChanges, type JiraWrite, type B24Write } from './to-side';
export { projectTo, type Projection, type FieldValue } from './project';
export { UserMap, samePerson, type UserPair, type UnmatchedUserWarning } from './users';
export { deadlineToDate, dateToDeadline } from './dates';
export { ufReadKey, type EnumLabels } from './custom-fields';
export { planJiraTransition, type TransitionStep, type StatusTarget } from './jira-transitions';
export { planB24StatusActions, type B24StatusAction, type B24StatusPlan } from './b24-status-actions';
export { jiraStatusTarget, b24StatusTarget, type B24StatusTarget } from './status';
