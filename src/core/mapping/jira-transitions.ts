/**
 * One hop at a time toward a Jira status. Jira lists only the transitions available from the current status and
 * does not route multi-step paths, so the caller applies the returned transition, re-reads the transitions and
 * asks again, passing the statuses it has already passed through. A walk never takes the same transition twice,
 * so with the hop budget it always ends: at the target, or with a reason for the journal.
 */
import type { JiraStatusRef, JiraTransition } from '../remote/jira';

export type TransitionStep =
  | { kind: 'arrived' }
  | { kind: 'transition'; transition: JiraTransition; direct: boolean }
  | {
      kind: 'blocked';
      reason: 'unreachable' | 'needs-fields' | 'hop-budget';
      message: string;
      /** the journal's message code (`notes.<code>`) */ code: BlockedCode;
      params: Record<string, string>;
    };

export type BlockedCode = 'status.hopBudget' | 'status.needsFields' | 'status.unreachable' | 'status.noTransitions';

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
    return {
      kind: 'blocked',
      reason: 'hop-budget',
      message: `Gave up moving the issue to "${target.name}" after ${hopsTaken} transitions; it is in "${current.name}".`,
      code: 'status.hopBudget',
      params: { target: target.name, hops: String(hopsTaken), current: current.name },
    };
  }
  const direct = available.find((t) => matches(t.to, target));
  if (direct) {
    if (direct.requiredFields.length > 0) {
      return { kind: 'blocked', reason: 'needs-fields', ...needsFields(direct, current) };
    }
    return { kind: 'transition', transition: direct, direct: true };
  }
  const seen = new Set(visited.map((v) => v.trim().toLowerCase()));
  const here = key(current);
  const taken = new Set(
    visited.slice(1).map((v, i) => `${(visited[i] ?? '').trim().toLowerCase()}→${v.trim().toLowerCase()}`),
  );
  // Without the target's category there is no direction to prefer, and Jira's own order decides.
  const goal = target.categoryKey === undefined ? undefined : rank(target.categoryKey);
  const from = rank(current.statusCategory?.key);
  const distance = (t: JiraTransition): number =>
    goal === undefined ? 0 : Math.abs(rank(t.to.statusCategory?.key) - goal);
  const forward = (t: JiraTransition): boolean =>
    goal !== undefined && Math.sign(rank(t.to.statusCategory?.key) - from) === Math.sign(goal - from);
  const ranked = available
    .filter((t) => t.requiredFields.length === 0 && key(t.to) !== here && !taken.has(`${here}→${key(t.to)}`))
    .map((t, order) => ({
      t,
      order,
      revisit: seen.has(key(t.to)),
      distance: distance(t),
      forward: forward(t),
    }))
    // New statuses before going back through a visited one (the way out of a dead end such as On Hold); then the
    // category closest to the target; then one moving in the target's direction; then Jira's own order.
    .sort(
      (a, b) =>
        Number(a.revisit) - Number(b.revisit) ||
        a.distance - b.distance ||
        Number(b.forward) - Number(a.forward) ||
        a.order - b.order,
    );
  const best = ranked[0];
  if (best) return { kind: 'transition', transition: best.t, direct: false };
  const withFields = available.filter((t) => t.requiredFields.length > 0 && !seen.has(key(t.to)));
  if (withFields[0]) return { kind: 'blocked', reason: 'needs-fields', ...needsFields(withFields[0], current) };
  const offered = available.map((t) => `"${t.to.name}"`).join(', ');
  return {
    kind: 'blocked',
    reason: 'unreachable',
    message: `Status "${target.name}" is unreachable from "${current.name}": the workflow offers ${offered || 'none'}, every one already taken on this walk.`,
    ...(offered
      ? { code: 'status.unreachable', params: { target: target.name, current: current.name, offered } }
      : { code: 'status.noTransitions', params: { target: target.name, current: current.name } }),
  };
}

function needsFields(
  t: JiraTransition,
  current: JiraStatusRef,
): { message: string; code: BlockedCode; params: Record<string, string> } {
  const fields = t.requiredFields.join(', ');
  return {
    message: `Transition "${t.name}" from "${current.name}" to "${t.to.name}" needs ${fields} on its screen; the sync cannot fill them, so move the issue by hand.`,
    code: 'status.needsFields',
    params: { transition: t.name, from: current.name, to: t.to.name, fields },
  };
}
