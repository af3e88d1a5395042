/**
 * One hop at a time toward a Jira status. Jira lists only the transitions available from the current status and
 * does not route multi-step paths, so the caller applies the returned transition, re-reads the transitions and
 * asks again, passing the statuses it has already passed through.
 */
import type { JiraStatusRef, JiraTransition } from '../remote/jira';

export type TransitionStep =
  | { kind: 'arrived' }
  | { kind: 'transition'; transition: JiraTransition; direct: boolean }
  | { kind: 'blocked'; reason: 'unreachable' | 'needs-fields' | 'hop-budget'; message: string };

export interface StatusTarget {
  name: string;
  id?: string;
  /** new | indeterminate | done, when known: it steers a detour. */
  categoryKey?: string;
}

const CATEGORY_RANK: Record<string, number> = { new: 0, indeterminate: 1, done: 2 };
const rank = (key: string | undefined): number => CATEGORY_RANK[key ?? ''] ?? 1;
const key = (s: { id?: string; name: string }): string => s.name.trim().toLowerCase();

function matches(status: JiraStatusRef, target: StatusTarget): boolean {
  return (target.id !== undefined && status.id === target.id) || key(status) === key(target);
}

/**
 * @param visited names (or ids) of statuses already passed on this walk, the start included
 * @param maxHops transitions allowed for the whole walk
 */
export function planJiraTransition(
  current: JiraStatusRef,
  available: readonly JiraTransition[],
  target: StatusTarget,
  visited: readonly string[],
  maxHops: number,
): TransitionStep {
  if (matches(current, target)) return { kind: 'arrived' };
  const hopsTaken = Math.max(0, visited.length - 1);
  if (hopsTaken >= maxHops) {
    return { kind: 'blocked', reason: 'hop-budget', message: `Gave up moving the issue to "${target.name}" after ${hopsTaken} transitions; it is in "${current.name}".` };
  }
  const direct = available.find((t) => matches(t.to, target));
  if (direct) {
    if (direct.requiredFields.length > 0) {
      return { kind: 'blocked', reason: 'needs-fields', message: needsFields(direct, current) };
    }
    return { kind: 'transition', transition: direct, direct: true };
  }
  const seen = new Set(visited.map((v) => v.trim().toLowerCase()));
  const goal = rank(target.categoryKey ?? 'done');
  const from = rank(current.statusCategory?.key);
  const detours = available
    .filter((t) => !seen.has(key(t.to)) && !(t.to.id !== undefined && seen.has(t.to.id.toLowerCase())) && key(t.to) !== key(current))
    .filter((t) => t.requiredFields.length === 0)
    .map((t) => ({ t, distance: Math.abs(rank(t.to.statusCategory?.key) - goal), forward: Math.sign(rank(t.to.statusCategory?.key) - from) === Math.sign(goal - from) }))
    // Closest category to the target first; among equals, one that moves in the target's direction.
    .sort((a, b) => a.distance - b.distance || Number(b.forward) - Number(a.forward));
  const best = detours[0];
  if (best) return { kind: 'transition', transition: best.t, direct: false };
  const withFields = available.filter((t) => t.requiredFields.length > 0 && !seen.has(key(t.to)));
  if (withFields[0]) return { kind: 'blocked', reason: 'needs-fields', message: needsFields(withFields[0], current) };
  const offered = available.map((t) => `"${t.to.name}"`).join(', ') || 'none';
  return {
    kind: 'blocked',
    reason: 'unreachable',
    message: `Status "${target.name}" is unreachable from "${current.name}": the workflow offers ${offered}, all already tried or leading away.`,
  };
}

function needsFields(t: JiraTransition, current: JiraStatusRef): string {
  return `Transition "${t.name}" from "${current.name}" to "${t.to.name}" needs ${t.requiredFields.join(', ')} on its screen; the sync cannot fill them, so move the issue by hand.`;
}
