/** Turning what a sync did into one journal record with sentences people can act on, each with its message code. */
import type { PairPlan, SkippedFlow } from '../../core/sync/merge';
import { VALUE_REFUSALS, type AdjustedValue, type MappingWarning } from '../../core/mapping/notices';
import type { JournalDirection, JournalOutcome } from '../store/journal';
import { note, sentencesOf, type JournalNote } from '../store/journal-notes';

const SIDE = { b24: 'Bitrix24', jira: 'Jira' } as const;

/** What to do is always the same: the source keeps the value as its person wrote it. */
function adjustedSentence(a: AdjustedValue): JournalNote {
  const field = a.field;
  if (a.code === 'titleShortened') {
    const limit = String(a.limit ?? '');
    return note(
      'titleShortened',
      { to: a.to, limit },
      `The title is longer than ${SIDE[a.to]} allows (${limit} characters): the copy there was cut after a whole character, and the original keeps the full title. Shorten the title if both should read the same.`,
    );
  }
  if (a.code === 'controlsRemoved') {
    return note(
      'controlsRemoved',
      { field: a.field, to: a.to },
      `The ${field} holds control characters (such as NUL or BEL) that ${SIDE[a.to]} cannot show: they were left out of the copy there. Remove them from the ${field} if both should read the same.`,
    );
  }
  return note(
    'bidiRemoved',
    { field: a.field, to: a.to },
    `The ${field} holds direction overrides (U+202A–U+202E, U+2066–U+2069), which can make text read in a disguised order: they were left out of the copy in ${SIDE[a.to]}.`,
  );
}

/** A person left out, a value left unwritten, or a value fitted to what its target holds. */
export function warningSentence(w: MappingWarning): JournalNote {
  if (w.kind === 'refused-value') return skippedSentence(w);
  if (w.kind === 'adjusted-value') return adjustedSentence(w);
  const other = w.side === 'b24' ? 'Jira' : 'Bitrix24';
  const message = `${w.name} (${SIDE[w.side]} ${w.id}) has no ${other} account; the field was left unchanged.`;
  return note(w.side === 'b24' ? 'unmatchedB24' : 'unmatchedJira', { name: w.name, id: w.id }, message);
}

function skippedSentence(s: Pick<SkippedFlow, 'field' | 'to' | 'reason' | 'code' | 'params'>): JournalNote {
  return note(
    'skipped',
    { ...s.params, field: s.field, to: s.to, why: s.code },
    `${s.field} not written to ${SIDE[s.to]}: ${s.reason}.`,
  );
}

export interface SyncSummary {
  direction: JournalDirection;
  fields: string[];
  outcome: JournalOutcome;
  message?: string;
  notes?: JournalNote[];
}

export function conflictSentences(plan: PairPlan): JournalNote[] {
  return plan.conflicts.map((c) =>
    note(
      'conflict',
      { field: c.field, winner: c.winner, policy: c.policy },
      `Conflict on ${c.field}: changed on both sides; ${SIDE[c.winner]} wins (${c.policy}).`,
    ),
  );
}

/** `carried`: conflict sentences of an earlier attempt that was interrupted and is completed by this one. */
export function summarise(plan: PairPlan, problems: JournalNote[], carried: JournalNote[] = []): SyncSummary {
  const toJira = Object.keys(plan.toJira)
    .filter((k) => k !== 'custom')
    .concat(Object.keys(plan.toJira.custom ?? {}));
  const toB24 = Object.keys(plan.toB24)
    .filter((k) => k !== 'custom')
    .concat(Object.keys(plan.toB24.custom ?? {}));
  const direction: JournalDirection =
    toJira.length && toB24.length ? 'both' : toJira.length ? 'b24-to-jira' : toB24.length ? 'jira-to-b24' : 'none';
  const sentences = [
    ...dedupe([...carried, ...conflictSentences(plan)]),
    ...plan.skipped.map(skippedSentence),
    ...dedupe(plan.warnings.map(warningSentence)),
    ...problems,
  ];
  const outcome: JournalOutcome =
    problems.length > 0 || plan.skipped.length > 0 || plan.warnings.length > 0
      ? 'warning'
      : plan.conflicts.length > 0 || carried.length > 0
        ? 'conflict'
        : direction === 'none'
          ? 'skipped'
          : 'synced';
  return {
    direction,
    fields: [...new Set([...toJira, ...toB24])],
    outcome,
    ...(sentences.length ? { message: sentencesOf(sentences), notes: sentences } : {}),
  };
}

/** Fields left unwritten because their value is outside what the target can hold: journalled as refused. */
export function refusedValues(plan: Pick<PairPlan, 'skipped'>, warnings: readonly MappingWarning[] = []): string[] {
  const fields = [
    ...plan.skipped.filter((s) => VALUE_REFUSALS.includes(s.code)),
    ...warnings.filter((w) => w.kind === 'refused-value'),
  ].map((s) => s.field);
  return [...new Set(fields)];
}

/** The same sentence twice (a person unmatched in two fields) is journalled once. */
function dedupe(items: JournalNote[]): JournalNote[] {
  const seen = new Set<string>();
  return items.filter((n) => !seen.has(n.message) && Boolean(seen.add(n.message)));
}
