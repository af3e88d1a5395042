import { intentsFor, isEchoOfIntent, writeIntent } from '../../../src/core/sync/echo';
import { syncedFields } from '../../../src/core/sync/fields';
import { planPairSync } from '../../../src/core/sync/merge';
import { aCanonical, aContext, PEOPLE } from '../builders';

describe('write intents (loop prevention, layer 3)', () => {
  it('recognises the state it announced as our own echo', () => {
    const expected = aCanonical({ title: 'Renamed', priority: '2' });
    const intent = writeIntent('jira', ['title', 'priority'], expected);
    expect(isEchoOfIntent(aCanonical({ title: 'Renamed', priority: '2', dueDate: null }), intent)).toBe(true);
  });

  it("does not mistake a person's different edit of the same field for the echo", () => {
    const intent = writeIntent('jira', ['title'], aCanonical({ title: 'Renamed' }));
    expect(isEchoOfIntent(aCanonical({ title: 'Renamed again' }), intent)).toBe(false);
  });

  it('compares people by ids, not by the display name the other side shows', () => {
    const intent = writeIntent('b24', ['assignee'], aCanonical({ assignee: PEOPLE.bob }));
    expect(isEchoOfIntent(aCanonical({ assignee: { ...PEOPLE.bob, name: 'Bob B.' } }), intent)).toBe(true);
    expect(isEchoOfIntent(aCanonical({ assignee: PEOPLE.ada }), intent)).toBe(false);
  });

  it('does not depend on the order the fields were listed in', () => {
    const state = aCanonical({ title: 'T', dueDate: '2025-01-01' });
    expect(writeIntent('b24', ['title', 'dueDate'], state).hash).toBe(
      writeIntent('b24', ['dueDate', 'title'], state).hash,
    );
  });

  it('derives one intent per written side from a plan, holding what that side will read back', () => {
    const base = { b24: aCanonical(), jira: aCanonical() };
    const plan = planPairSync({
      b24: aCanonical({ title: 'From B24' }),
      jira: aCanonical({ dueDate: '2025-12-01' }),
      base,
      ctx: aContext(),
      b24ChangedAt: '2025-10-01T00:00:00Z',
      jiraChangedAt: '2025-10-01T00:00:00Z',
    });
    const synced = syncedFields(aContext().config);
    const intents = intentsFor(plan, synced);
    expect(intents.map((i) => [i.side, i.fields])).toEqual([
      ['jira', [...synced].sort()],
      ['b24', [...synced].sort()],
    ]);
    // Each side will read both edits once the plan is applied.
    const merged = aCanonical({ title: 'From B24', dueDate: '2025-12-01' });
    expect(isEchoOfIntent(merged, intents[0]!)).toBe(true);
    expect(isEchoOfIntent(merged, intents[1]!)).toBe(true);
    expect(isEchoOfIntent(aCanonical({ title: 'From B24' }), intents[0]!)).toBe(false);
  });

  it("covers every synced field: a person's edit of another field right after our write is not our echo", () => {
    const base = { b24: aCanonical(), jira: aCanonical() };
    const plan = planPairSync({
      b24: aCanonical(),
      jira: aCanonical({ title: 'From Jira' }),
      base,
      ctx: aContext(),
      b24ChangedAt: '',
      jiraChangedAt: '',
    });
    const [toB24] = intentsFor(plan, syncedFields(aContext().config));
    expect(isEchoOfIntent(aCanonical({ title: 'From Jira' }), toB24!)).toBe(true);
    expect(isEchoOfIntent(aCanonical({ title: 'From Jira', dueDate: '2026-12-18' }), toB24!)).toBe(false);
  });

  it('needs no intent when nothing is written', () => {
    const plan = planPairSync({
      b24: aCanonical(),
      jira: aCanonical(),
      base: null,
      ctx: aContext(),
      b24ChangedAt: '',
      jiraChangedAt: '',
    });
    expect(intentsFor(plan, syncedFields(aContext().config))).toEqual([]);
  });
});
