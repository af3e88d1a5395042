/** Turning what a sync did into one journal record with sentences people can act on. */
import type { PairPlan } from '../../core/sync/merge';
import type { UnmatchedUserWarning } from '../../core/mapping/users';
import type { JournalDirection, JournalOutcome } from '../store/journal';

export function warningSentence(w: UnmatchedUserWarning): string {
  const side = w.side === 'b24' ? 'Bitrix24' : 'Jira';
  const other = w.side === 'b24' ? 'Jira' : 'Bitrix24';
  return `${w.name} (${side} ${w.id}) has no ${other} account; the field was left unchanged.`;
}

export interface SyncSummary {
  direction: JournalDirection;
  fields: string[];
  outcome: JournalOutcome;
  message?: string;
}

export function conflictSentences(plan: PairPlan): string[] {
  return plan.conflicts.map((c) => `Conflict on ${c.field}: changed on both sides; ${c.winner === 'b24' ? 'Bitrix24' : 'Jira'} wins (${c.policy}).`);
}

/** `carried`: conflict sentences of an earlier attempt that was interrupted and is completed by this one. */
export function summarise(plan: PairPlan, problems: string[], carried: string[] = []): SyncSummary {
  const toJira = Object.keys(plan.toJira).filter((k) => k !== 'custom').concat(Object.keys(plan.toJira.custom ?? {}));
  const toB24 = Object.keys(plan.toB24).filter((k) => k !== 'custom').concat(Object.keys(plan.toB24.custom ?? {}));
  const direction: JournalDirection = toJira.length && toB24.length ? 'both' : toJira.length ? 'b24-to-jira' : toB24.length ? 'jira-to-b24' : 'none';
  const sentences = [
    ...dedupe([...carried, ...conflictSentences(plan)]),
    ...plan.skipped.map((s) => `${s.field} not written to ${s.to === 'jira' ? 'Jira' : 'Bitrix24'}: ${s.reason}.`),
    ...dedupe(plan.warnings.map(warningSentence)),
    ...problems,
  ];
  const outcome: JournalOutcome = problems.length > 0 || plan.skipped.length > 0 || plan.warnings.length > 0
    ? 'warning'
    : plan.conflicts.length > 0 || carried.length > 0 ? 'conflict' : direction === 'none' ? 'skipped' : 'synced';
  return { direction, fields: [...new Set([...toJira, ...toB24])], outcome, ...(sentences.length ? { message: sentences.join(' ') } : {}) };
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}
