/**
 * Creation and deletion decisions. Creation must be idempotent across retries and duplicated events: create only
 * when neither a stored link nor a marker on the other side (the task's XML_ID, the property) exists.
 */
import type { DeletePolicy, SyncConfig } from '../config';
import { jiraStatusTarget } from '../mapping/status';
import type { Side } from '../model';

export type CreationDecision =
  | { action: 'create'; on: Side }
  | { action: 'link-existing'; on: Side; id: string }
  | { action: 'already-linked'; id: string }
  | { action: 'skip'; reason: string };

export interface CreationInput {
  /** Where the new entity appeared. */
  source: Side;
  /** The stored link for the source entity, if any. */
  linkedId: string | null;
  /** An entity on the other side that names the source entity in its marker, found by JQL or XML_ID. */
  markedId: string | null;
  /** The source task's GROUP_ID or the project key. */
  container: string;
  config: SyncConfig;
}

export function planCreation(input: CreationInput): CreationDecision {
  const target: Side = input.source === 'b24' ? 'jira' : 'b24';
  const paired = input.source === 'b24' ? input.config.b24GroupId : input.config.projectKey;
  if (input.linkedId !== null) return { action: 'already-linked', id: input.linkedId };
  if (input.markedId !== null) return { action: 'link-existing', on: target, id: input.markedId };
  if (input.container !== paired) {
    return {
      action: 'skip',
      reason: `${input.source === 'b24' ? 'workgroup' : 'project'} ${input.container} is not paired`,
    };
  }
  return { action: 'create', on: target };
}

export type DeletionDecision =
  { action: 'close'; on: Side; status: string | null } | { action: 'delete'; on: Side } | { action: 'unlink' };

/** What to do on the other side when a linked entity is deleted on `deletedOn`. */
export function planDeletion(
  deletedOn: Side,
  config: SyncConfig,
  policy: DeletePolicy = config.deletes.task,
): DeletionDecision {
  const on: Side = deletedOn === 'b24' ? 'jira' : 'b24';
  if (policy === 'unlink') return { action: 'unlink' };
  if (policy === 'delete') return { action: 'delete', on };
  // Close means "completed": Jira's status of the row for B24 5, B24's own status 5.
  const done = config.statuses.find((r) => r.b24Status === '5');
  return {
    action: 'close',
    on,
    status: on === 'b24' ? '5' : done ? jiraStatusTarget(done.jiraStatus, config.statuses) : null,
  };
}
