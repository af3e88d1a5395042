import { planPairSync, type PairPlan, type PairSyncInput } from '../../../src/core/sync/merge';
import type { CanonicalTask } from '../../../src/core/model';
import { fromB24Task } from '../../../src/core/mapping/from-side';
import { toB24Fields } from '../../../src/core/mapping/to-side';
import { aB24Task, aCanonical, aConfig, aContext, doc, PEOPLE } from '../builders';

const EARLIER = '2025-10-02T10:00:00+02:00';
const LATER = '2025-10-02T09:00:00.000+0000'; // 11:00 in Berlin

const NO_WRITES = { toJira: {}, toB24: {} };
const writes = (p: PairPlan) => ({ toJira: p.toJira, toB24: p.toB24 });
const outcome = ({ nextBase: _next, ...rest }: PairPlan) => rest;

function plan(b24: Partial<CanonicalTask>, jira: Partial<CanonicalTask>, extra: Partial<PairSyncInput> = {}) {
  return planPairSync({
    b24: aCanonical(b24),
    jira: aCanonical(jira),
    base: { b24: aCanonical(), jira: aCanonical() },
    ctx: aContext(),
    b24ChangedAt: EARLIER,
    jiraChangedAt: EARLIER,
    ...extra,
  });
}

describe('planPairSync', () => {
  it('plans nothing when neither side changed', () => {
    expect(outcome(plan({}, {}))).toEqual({ toJira: {}, toB24: {}, conflicts: [], skipped: [], warnings: [] });
  });

  it('sends a field changed in Bitrix24 to Jira, and only that field', () => {
    const p = plan({ title: 'Renamed' }, {});
    expect(p.toJira).toEqual({ title: 'Renamed' });
    expect(p.toB24).toEqual({});
    expect(p.nextBase.jira.title).toBe('Renamed');
  });

  it('sends a field changed in Jira to Bitrix24', () => {
    expect(plan({}, { dueDate: '2025-11-01' }).toB24).toEqual({ dueDate: '2025-11-01' });
  });

  it('keeps concurrent changes of different fields on both sides', () => {
    const p = plan({ title: 'From B24' }, { priority: '2' });
    expect(p.toJira).toEqual({ title: 'From B24' });
    expect(p.toB24).toEqual({ priority: '2' });
    expect(p.conflicts).toEqual([]);
  });

  it('writes nothing when both sides made the same change', () => {
    const p = plan({ title: 'Same' }, { title: 'Same' });
    expect(outcome(p)).toEqual({ toJira: {}, toB24: {}, conflicts: [], skipped: [], warnings: [] });
    expect(p.nextBase.b24.title).toBe('Same');
  });

  it('settles the same field changed differently by the later change, and reports it', () => {
    const p = plan({ title: 'B24 says' }, { title: 'Jira says' }, { jiraChangedAt: LATER });
    expect(p.toB24).toEqual({ title: 'Jira says' });
    expect(p.toJira).toEqual({});
    expect(p.conflicts).toEqual([
      { field: 'title', b24Value: 'B24 says', jiraValue: 'Jira says', winner: 'jira', policy: 'latest-wins' },
    ]);
  });

  it("lets the other side's change through when the winner's value cannot be written", () => {
    const base = { b24: aCanonical({ status: 'In Progress' }), jira: aCanonical({ status: 'In Progress' }) };
    const p = plan({ status: 'Done' }, { status: 'In Review' }, { base, jiraChangedAt: LATER });
    expect(p.conflicts.map((c) => c.winner)).toEqual(['jira']);
    expect(p.skipped).toEqual([
      {
        field: 'status',
        to: 'b24',
        reason: 'no status row carries "In Review" to Bitrix24',
        code: 'noStatusRow',
        params: { status: 'In Review' },
      },
    ]);
    expect(writes(p)).toEqual({ toJira: { status: 'Done' }, toB24: {} });
  });

  it('follows a per-field policy over the later change', () => {
    const ctx = aContext({
      config: aConfig({ conflicts: { default: 'latest-wins', perField: { title: 'b24-wins' } } }),
    });
    const p = plan({ title: 'B24 says' }, { title: 'Jira says' }, { ctx, jiraChangedAt: LATER });
    expect(p.toJira).toEqual({ title: 'B24 says' });
    expect(p.conflicts[0]?.winner).toBe('b24');
  });

  it('never sends a Bitrix24 → Jira field back to Bitrix24', () => {
    const p = plan({}, { reporter: PEOPLE.ada });
    expect(p.toB24).toEqual({});
    expect(p.nextBase.jira.reporter).toEqual(PEOPLE.ada);
  });

  it('lets a one-way field flow without a conflict when both sides changed it', () => {
    const p = plan({ reporter: PEOPLE.ada }, { reporter: { b24UserId: null, jiraAccountId: 'acc-x', name: 'X' } });
    expect(p.toJira).toEqual({ reporter: PEOPLE.ada });
    expect(p.conflicts).toEqual([]);
  });

  it('does not move Bitrix24 when Jira enters a status that only flows to Jira, and does not undo it later', () => {
    const first = plan({}, { status: 'In Review' });
    expect(first.toB24).toEqual({});
    const again = planPairSync({
      b24: aCanonical(),
      jira: aCanonical({ status: 'In Review' }),
      base: first.nextBase,
      ctx: aContext(),
      b24ChangedAt: EARLIER,
      jiraChangedAt: EARLIER,
    });
    expect(writes(again)).toEqual(NO_WRITES);
  });

  it('moves Jira to In Review when Bitrix24 awaits control', () => {
    expect(plan({ status: 'In Review' }, {}).toJira).toEqual({ status: 'In Review' });
  });

  it('sends Jira-only QA Testing to Bitrix24 (as its status field)', () => {
    const p = plan(
      { status: 'In Progress' },
      { status: 'QA Testing' },
      { base: { b24: aCanonical({ status: 'In Progress' }), jira: aCanonical({ status: 'In Progress' }) } },
    );
    expect(p.toB24).toEqual({ status: 'QA Testing' });
    expect(p.nextBase.b24.status).toBe('QA Testing');
  });

  it('reports an unmatched assignee once and leaves the other side alone, then stays quiet', () => {
    const una = { b24UserId: '99', jiraAccountId: null, name: 'Una Matched' };
    const first = plan({ assignee: una }, {});
    expect(first.toJira).toEqual({});
    expect(first.warnings).toEqual([{ kind: 'unmatched-user', side: 'b24', id: '99', name: 'Una Matched' }]);
    expect(first.skipped).toEqual([
      {
        field: 'assignee',
        to: 'jira',
        reason: 'Una Matched has no Jira account; assignee left unchanged',
        code: 'noAccount',
        params: { name: 'Una Matched' },
      },
    ]);
    const again = planPairSync({
      b24: aCanonical({ assignee: una }),
      jira: aCanonical(),
      base: first.nextBase,
      ctx: aContext(),
      b24ChangedAt: EARLIER,
      jiraChangedAt: EARLIER,
    });
    expect(outcome(again)).toEqual({ toJira: {}, toB24: {}, conflicts: [], skipped: [], warnings: [] });
  });

  it('records the description as Bitrix24 will read it back, so the BBCode round trip is no echo', () => {
    const rich = doc('first', '', 'second'); // the empty paragraph does not survive BBCode
    const p = plan({}, { description: rich });
    expect(p.toB24).toEqual({ description: rich });
    const written = toB24Fields(p.toB24, aContext()).fields.DESCRIPTION;
    const readBack = fromB24Task(aB24Task({ description: String(written) }), aContext()).description;
    expect(readBack).not.toEqual(rich);
    const b24 = aCanonical({ description: readBack });
    const again = planPairSync({
      b24,
      jira: aCanonical({ description: rich }),
      base: p.nextBase,
      ctx: aContext(),
      b24ChangedAt: EARLIER,
      jiraChangedAt: EARLIER,
    });
    expect(writes(again)).toEqual(NO_WRITES);
  });

  it('settles a pair that was never synced by the policy, writing only differing fields', () => {
    const p = plan({ title: 'Old name' }, {}, { base: null, jiraChangedAt: LATER });
    expect(p.toB24).toEqual({ title: 'Fix the login page' });
    expect(p.toJira).toEqual({});
  });

  it('treats a Jira priority that maps onto the same B24 priority as no difference', () => {
    // Highest and High both read as B24 high: moving Highest → High in Jira changes nothing for Bitrix24.
    const base = { b24: aCanonical({ priority: '2' }), jira: aCanonical({ priority: '2' }) };
    expect(writes(plan({ priority: '2' }, { priority: '2' }, { base }))).toEqual(NO_WRITES);
  });

  it('syncs custom fields in their direction', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_1', jiraField: 'customfield_1', converter: 'number', direction: 'jira-to-b24' },
      ],
    });
    const ctx = aContext({ config });
    const base = { b24: aCanonical({ custom: { UF_AUTO_1: 1 } }), jira: aCanonical({ custom: { UF_AUTO_1: 1 } }) };
    const fromJira = plan({ custom: { UF_AUTO_1: 1 } }, { custom: { UF_AUTO_1: 5 } }, { ctx, base });
    expect(fromJira.toB24).toEqual({ custom: { UF_AUTO_1: 5 } });
    const fromB24 = plan({ custom: { UF_AUTO_1: 9 } }, { custom: { UF_AUTO_1: 1 } }, { ctx, base });
    expect(fromB24.toJira).toEqual({});
  });
});

describe('planPairSync with values the other side cannot hold', () => {
  it('leaves a Jira due date Bitrix24 cannot hold unwritten, acknowledged as it stands, and quiet afterwards', () => {
    const first = plan({}, { dueDate: '0001-01-01' });
    expect(writes(first)).toEqual(NO_WRITES);
    expect(first.skipped).toEqual([expect.objectContaining({ field: 'dueDate', to: 'b24', code: 'outOfB24Range' })]);
    expect(first.nextBase.b24.dueDate).toBe(aCanonical().dueDate);
    expect(first.nextBase.jira.dueDate).toBe('0001-01-01');
    const again = planPairSync({
      b24: aCanonical(),
      jira: aCanonical({ dueDate: '0001-01-01' }),
      base: first.nextBase,
      ctx: aContext(),
      b24ChangedAt: EARLIER,
      jiraChangedAt: EARLIER,
    });
    expect(outcome(again)).toEqual({ toJira: {}, toB24: {}, conflicts: [], skipped: [], warnings: [] });
  });

  it('writes a title Jira cannot hold as it can, names the cut once, and takes the cut copy for no change', () => {
    const long = '😀'.repeat(300);
    const first = plan({ title: long }, {});
    expect(first.toJira).toEqual({ title: long });
    expect(first.warnings).toEqual([
      expect.objectContaining({ kind: 'adjusted-value', code: 'titleShortened', field: 'title', to: 'jira' }),
    ]);
    expect(first.nextBase.jira.title).toBe('😀'.repeat(127));
    const again = planPairSync({
      b24: aCanonical({ title: long }),
      jira: aCanonical({ title: '😀'.repeat(127) }),
      base: first.nextBase,
      ctx: aContext(),
      b24ChangedAt: EARLIER,
      jiraChangedAt: EARLIER,
    });
    expect(outcome(again)).toEqual({ toJira: {}, toB24: {}, conflicts: [], skipped: [], warnings: [] });
  });
});
