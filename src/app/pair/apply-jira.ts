/**
 * Moving an issue to a status by legal transitions, hop by hop, because Jira only offers the transitions available
 * from the current status (the plan's steps are run by apply-plan.ts).
 */
import { planJiraTransition } from '../../core/mapping/jira-transitions';
import type { JiraStatusRef } from '../../core/remote/jira';
import type { SyncContext } from '../sync-context';
import type { JournalNote } from '../store/journal-notes';

export const MAX_TRANSITION_HOPS = 6;

export interface StatusOutcome {
  /** The status the issue is in afterwards. */
  reached: JiraStatusRef;
  /** Why the target was not reached, in words for the journal. */
  blocked?: JournalNote;
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
    if (step.kind === 'blocked') return { reached: current, blocked: { code: step.code, params: step.params, message: step.message }, hops: visited.length - 1 };
    await ctx.jira.doTransition(issueId, step.transition.id);
    current = step.transition.to;
    visited.push(current.name);
    await onHop?.(current);
    // The transition names where it lands: no need to read the transitions again just to learn we arrived.
    if (current.name.trim().toLowerCase() === targetName.trim().toLowerCase()) return { reached: current, hops: visited.length - 1 };
  }
}
