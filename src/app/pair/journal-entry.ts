/** Turning what a sync did into one journal record with sentences people can act on, each with its message code. */
import type { PairPlan, SkippedFlow } from '../../core/sync/merge';
import type { UnmatchedUserWarning } from '../../core/mapping/users';
import type { JournalDirection, JournalOutcome } from '../store/journal';
import { note, sentencesOf, type JournalNote } from '../store/journal-notes';

const SIDE = { b24: 'Bitrix24', jira: 'Jira' } as const;

export function warningSentence(w: UnmatchedUserWarning): JournalNote {
  const other = w.side === 'b24' ? 'Jira' : 'Bitrix24';
  const message = `${w.name} (${SIDE[w.side]} ${w.id}) has no ${other} account; the field was left unchanged.`;
  return note(w.side === 'b24' ? 'unmatchedB24' : 'unmatchedJira', { name: w.name, id: w.id }, message);
}

function skippedSentence(s: SkippedFlow): JournalNote {
  return note('skipped', { ...s.params, field: s.field, to: s.to, why: s.code }, `${s.field} not written to ${SIDE[s.to]}: ${s.reason}.`);
}

export interface SyncSummary {
  direction: JournalDirection;
  fields: string[];
  outcome: JournalOutcome;
  message?: string;
  notes?: JournalNote[];
}

export function conflictSentences(plan: PairPlan): JournalNote[] {
  return plan.conflicts.map((c) => note('conflict', { field: c.field, winner: c.winner, policy: c.policy }, `Conflict on ${c.field}: changed on both sides; ${SIDE[c.winner]} wins (${c.policy}).`));
}

/** `carried`: conflict sentences of an earlier attempt that was interrupted and is completed by this one. */
export function summarise(plan: PairPlan, problems: JournalNote[], carried: JournalNote[] = []): SyncSummary {
  const toJira = Object.keys(plan.toJira).filter((k) => k !== 'custom').concat(Object.keys(plan.toJira.custom ?? {}));
  const toB24 = Object.keys(plan.toB24).filter((k) => k !== 'custom').concat(Object.keys(plan.toB24.custom ?? {}));
  const direction: JournalDirection = toJira.length && toB24.length ? 'both' : toJira.length ? 'b24-to-jira' : toB24.length ? 'jira-to-b24' : 'none';
  const sentences = [
    ...dedupe([...carried, ...conflictSentences(plan)]),
    ...plan.skipped.map(skippedSentence),
    ...dedupe(plan.warnings.map(warningSentence)),
    ...problems,
  ];
  const outcome: JournalOutcome = problems.length > 0 || plan.skipped.length > 0 || plan.warnings.length > 0
    ? 'warning'
    : plan.conflicts.length > 0 || carried.length > 0 ? 'conflict' : direction === 'none' ? 'skipped' : 'synced';
  return { direction, fields: [...new Set([...toJira, ...toB24])], outcome, ...(sentences.length ? { message: sentencesOf(sentences), notes: sentences } : {}) };
}

/** The same sentence twice (a person unmatched in two fields) is journalled once. */
function dedupe(items: JournalNote[]): JournalNote[] {
  const seen = new Set<string>();
  return items.filter((n) => !seen.has(n.message) && Boolean(seen.add(n.message)));
}
