/**
 * The base to store part-way through applying a plan. A sync writes Jira's fields, Jira's status, Bitrix24's
 * fields and Bitrix24's status in turn; any step may fail and the job be retried. The stored base must then say
 * what was actually written (so a retry does not take our own write for a person's edit, whose newer change time
 * would win a conflict that never happened), and keep every decision not yet carried out: a planned flow
 * `from → to` still to be written is stored as "changed on `from` only", so the retry carries it out as decided,
 * while a person's new edit of `to` in the meantime is a new conflict, settled afresh.
 */
import type { CanonicalTask, FieldKey, Side } from '../model';
import type { FieldValue } from '../mapping/project';
import { changedKeys } from './echo';
import { getField, setField } from './fields';
import type { PairPlan, SyncBase } from './merge';

export interface ProgressInput {
  plan: PairPlan;
  /** Both sides as read before any write. */
  current: SyncBase;
  /** Fields whose write has landed, per written side. */
  done: Record<Side, ReadonlySet<FieldKey>>;
  /** Fields left as they read now and acknowledged (a refused value, a blocked status walk), per written side. */
  settled?: Record<Side, ReadonlySet<FieldKey>>;
  /** Each side as it reads now, when a step moved it part-way (a status hop); default `current`. */
  live?: SyncBase;
}

const other = (side: Side): Side => (side === 'b24' ? 'jira' : 'b24');

/**
 * A value the `from` side's base may hold so that its current value reads as changed: the other side as it reads
 * now. Not `from`'s own old base value: a person may return `from` to exactly that value before the retry (A → B →
 * A), and the pair would then read as unchanged on both sides while the other side still holds what our part-way
 * write left there (an intermediate status of a walk, or the loser of a conflict). Against the other side's value,
 * `from` reads as changed for as long as the two differ, and as settled once they agree.
 */
function changedMark(input: ProgressInput, field: FieldKey, from: Side): FieldValue {
  return getField((input.live ?? input.current)[other(from)], field);
}

export function baseInProgress(input: ProgressInput): SyncBase {
  const next: Record<Side, CanonicalTask> = { b24: input.plan.nextBase.b24, jira: input.plan.nextBase.jira };
  for (const to of ['jira', 'b24'] as const) {
    const planned = changedKeys(to === 'jira' ? input.plan.toJira : input.plan.toB24);
    const from = other(to);
    for (const field of planned) {
      const now = getField((input.live ?? input.current)[to], field);
      if (input.settled?.[to].has(field)) {
        next[to] = setField(next[to], field, now);
        next[from] = setField(next[from], field, getField(input.current[from], field));
      } else if (!input.done[to].has(field)) {
        next[to] = setField(next[to], field, now);
        next[from] = setField(next[from], field, changedMark(input, field, from));
      }
    }
  }
  return next;
}
