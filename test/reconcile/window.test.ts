/** How a reconciliation window is asked of each side, and where the next one starts. */
import { cursorAfter } from '../../src/app/reconcile/scan';
import { MAX_REMEMBERED, trimVersions } from '../../src/app/reconcile/versions';
import { b24FilterDate, jqlSince } from '../../src/core/remote/queries';
import { nextCursor, OVERLAP_MS, windowFrom } from '../../src/app/reconcile/window';
import type { ReconcileScan } from '../../src/app/reconcile/jobs';

const T = Date.UTC(2026, 10, 2, 9, 0, 0);

const aScan = (over: Partial<ReconcileScan> = {}): ReconcileScan => ({
  since: T - 3_600_000,
  startedAt: T,
  b24: { since: T - 7_200_000, lastId: '0', done: true },
  jira: { jql: 'project = "DEMO"', done: true },
  previous: { b24: {}, jira: {} },
  seen: { b24: {}, jira: {} },
  continued: false,
  ...over,
});

describe('the reconciliation window', () => {
  it('asks Bitrix24 with an explicit UTC offset, never in portal-local time', () => {
    expect(b24FilterDate(T)).toBe('2026-11-02T09:00:00+00:00');
  });

  it("asks Jira with a relative period rounded up to whole minutes (absolute JQL dates are read in the caller's zone)", () => {
    expect(jqlSince(T - 90 * 60_000 - 1, T)).toBe('"-91m"');
    expect(jqlSince(T, T)).toBe('"-1m"');
  });

  it('starts a first run an hour and the overlap back, and later runs at the stored cursor', () => {
    expect(windowFrom(null, T).since).toBe(T - 3_600_000 - OVERLAP_MS);
    expect(windowFrom(T - 5, T)).toEqual({ since: T - 5, startedAt: T });
    expect(nextCursor({ since: 0, startedAt: T })).toBe(T - OVERLAP_MS);
  });

  it('moves the Bitrix24 cursor to its newest change minus the overlap, but never backwards', () => {
    expect(cursorAfter(aScan({ b24: { since: T - 7_200_000, mark: T, lastId: '9', done: true } })).b24Since).toBe(
      T - OVERLAP_MS,
    );
    expect(cursorAfter(aScan({ b24: { since: T, mark: T - 60_000, lastId: '9', done: true } })).b24Since).toBe(T);
    expect(cursorAfter(aScan()).b24Since).toBe(T - 7_200_000);
  });

  it('keeps the Bitrix24 cursor where it was when the scan spanned invocations', () => {
    expect(
      cursorAfter(aScan({ continued: true, b24: { since: T - 7_200_000, mark: T, lastId: '9', done: true } })).b24Since,
    ).toBe(T - 7_200_000);
  });

  it('remembers only versions the next window can still list, newest first and bounded', () => {
    const old = new Date(T - 3_600_000).toISOString();
    const recent = new Date(T).toISOString();
    expect(trimVersions({ a: old, b: recent }, T - OVERLAP_MS)).toEqual({ b: recent });
    const many = Object.fromEntries(
      Array.from({ length: MAX_REMEMBERED + 10 }, (_, i) => [String(i), new Date(T + i * 1000).toISOString()]),
    );
    const kept = trimVersions(many);
    expect(Object.keys(kept)).toHaveLength(MAX_REMEMBERED);
    expect(kept['0']).toBeUndefined();
  });
});
