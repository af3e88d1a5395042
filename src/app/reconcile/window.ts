/**
 * The time window one reconciliation looks at, and how each side is asked for it. Pure: the clock is passed in.
 * Jira is asked with a relative period measured on the app's clock; Bitrix24 with instants of its own clock
 * (see scan.ts), because the three clocks differ. The query terms themselves are in core/remote/queries.ts.
 */

/** Clocks of Jira, Bitrix24 and Forge differ, and a change may land while a run lists: each run looks back this far. */
export const OVERLAP_MS = 10 * 60_000;

/** Without a stored cursor (first run, or a lost cursor) the last hour plus the overlap is checked. */
export const FIRST_WINDOW_MS = 60 * 60_000;

export interface ReconcileWindow {
  /** Changes at or after this instant are looked at. */
  since: number;
  /** When this run started listing: the next cursor is derived from it, never from the end of the run. */
  startedAt: number;
}

export function windowFrom(cursor: number | null, now: number): ReconcileWindow {
  return { since: cursor ?? now - FIRST_WINDOW_MS - OVERLAP_MS, startedAt: now };
}

/** The cursor stored after a complete run: the next run starts `OVERLAP_MS` before this one started. */
export const nextCursor = (window: ReconcileWindow): number => window.startedAt - OVERLAP_MS;
