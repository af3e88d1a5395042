/**
 * Writing a plan's changes to Jira: one field update, then the status by legal transitions, hop by hop, because
 * Jira only offers the transitions available from the current status.
 */
import { planJiraTransition } from '../../core/mapping/jira-transitions';
import type { JiraWrite } from '../../core/mapping/to-side';
import type { JiraStatusRef } from '../../core/remote/jira';
import type { SyncContext } from '../sync-context';
import { type RefusedField, writeDroppingRefused } from './jira-refusals';

export const MAX_TRANSITION_HOPS = 6;

export interface StatusOutcome {
  /** The status the issue is in afterwards. */
  reached: JiraStatusRef;
  /** Why the target was not reached, in words for the journal. */
  blocked?: string;
  hops: number;
}

/** `onHop`: told where each transition landed, so a walk cut short by a failure is remembered as far as it got. */
export async function moveIssueTo(ctx: SyncContext, issueId: string, from: JiraStatusRef, targetName: string, onHop?: (at: JiraStatusRef) => Promise<void>): Promise<StatusOutcome> {
  let current = from;
  const visited = [from.name];
  if (from.name.trim().toLowerCase() === targetName.trim().toLowerCase()) return { reached: from, hops: 0 };
  for (;;) {
    const transitions = await ctx.jira.getTransitions(issueId);
    const step = planJiraTransition(current, transitions, { name: targetName }, visited, MAX_TRANSITION_HOPS);
    if (step.kind === 'arrived') return { reached: current, hops: visited.length - 1 };
    if (step.kind === 'blocked') return { reached: current, blocked: step.message, hops: visited.length - 1 };
    await ctx.jira.doTransition(issueId, step.transition.id);
    current = step.transition.to;
    visited.push(current.name);
    await onHop?.(current);
    // The transition names where it lands: no need to read the transitions again just to learn we arrived.
    if (current.name.trim().toLowerCase() === targetName.trim().toLowerCase()) return { reached: current, hops: visited.length - 1 };
  }
}

/** Fields Jira refuses one by one are left out and added to `refused`; the rest of the change is written. */
export async function applyToJira(ctx: SyncContext, issueId: string, write: JiraWrite, currentStatus: JiraStatusRef, refused: RefusedField[] = []): Promise<StatusOutcome | null> {
  if (Object.keys(write.fields).length > 0) refused.push(...(await writeDroppingRefused(write.fields, (fields) => ctx.jira.updateIssue(issueId, fields))).refused);
  if (write.status === null) return null;
  return moveIssueTo(ctx, issueId, currentStatus, write.status);
}
