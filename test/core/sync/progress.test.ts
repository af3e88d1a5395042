/**
 * The base stored part-way through a plan keeps every flow not yet written as "changed on its source only", even
 * when the person then returns the source to the value the pair last agreed on (A → B → A): the retry must bring
 * the other side back from what our part-way write (or the conflict's loser) left there.
 */
import type { CanonicalTask, FieldKey, Side } from '../../../src/core/model';
import { planPairSync, type PairPlan, type SyncBase } from '../../../src/core/sync/merge';
import { baseInProgress } from '../../../src/core/sync/progress';
import { aCanonical, aContext } from '../builders';

const EARLIER = '2025-10-02T10:00:00+02:00';
const LATER = '2025-10-02T11:00:00+02:00';
const NOTHING_DONE: Record<Side, ReadonlySet<FieldKey>> = { b24: new Set(), jira: new Set() };

function planAgainst(
  base: SyncBase,
  b24: Partial<CanonicalTask>,
  jira: Partial<CanonicalTask>,
  b24ChangedAt = EARLIER,
): PairPlan {
  return planPairSync({
    b24: aCanonical(b24),
    jira: aCanonical(jira),
    base,
    ctx: aContext(),
    b24ChangedAt,
    jiraChangedAt: EARLIER,
  });
}

const agreed: SyncBase = { b24: aCanonical(), jira: aCanonical() };

describe('baseInProgress', () => {
  it('keeps a status walk stopped at an intermediate status going when the source returns to its old status', () => {
    const current = { b24: aCanonical({ status: 'On Hold' }), jira: aCanonical() };
    const plan = planAgainst(agreed, { status: 'On Hold' }, {});
    expect(plan.toJira).toEqual({ status: 'On Hold' });
    // Jira's first hop landed (To Do → In Progress), the second failed.
    const live = { ...current, jira: aCanonical({ status: 'In Progress' }) };
    const stored = baseInProgress({ plan, current, done: NOTHING_DONE, live });

    const afterUndo = planAgainst(stored, { status: 'To Do' }, { status: 'In Progress' });
    expect(afterUndo.toJira).toEqual({ status: 'To Do' });
    expect(afterUndo.toB24).toEqual({});
    expect(afterUndo.conflicts).toEqual([]);

    const untouched = planAgainst(stored, { status: 'On Hold' }, { status: 'In Progress' });
    expect(untouched.toJira).toEqual({ status: 'On Hold' });
  });

  it("brings back the conflict loser's side when the winner returns to the agreed value before the write", () => {
    const current = { b24: aCanonical({ title: 'B24 says' }), jira: aCanonical({ title: 'Jira says' }) };
    const plan = planAgainst(agreed, { title: 'B24 says' }, { title: 'Jira says' }, LATER);
    expect(plan.toJira).toEqual({ title: 'B24 says' });
    const stored = baseInProgress({ plan, current, done: NOTHING_DONE });

    const afterUndo = planAgainst(stored, { title: aCanonical().title }, { title: 'Jira says' });
    expect(afterUndo.toJira).toEqual({ title: aCanonical().title });
    expect(afterUndo.conflicts).toEqual([]);
  });
});
