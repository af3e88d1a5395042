/**
 * The time window one reconciliation looks at, and how each side is asked for it. Pure: the clock is passed in.
 * Jira is asked with a relative period measured on the app's clock; Bitrix24 with instants of its own clock
 * (see scan.ts), because the three clocks differ.
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

/**
 * Bitrix24 compares filter dates as instants when they carry an offset; without one it reads portal-local time.
 * An explicit +00:00 removes the portal's zone from the question.
 */
export function b24FilterDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/**
 * Jira reads an absolute JQL date ("yyyy-MM-dd HH:mm") in the time zone of the account running the query, which for
 * the app's account is not known here. A relative period ("-90m") is zone-free; it is rounded up to whole minutes
 * so the window only grows.
 */
export function jqlSince(since: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((now - since) / 60_000));
  return `"-${minutes}m"`;
}

/** JQL string literal for a project key (keys are [A-Z0-9_], but quoting keeps reserved words like AND harmless). */
export const jqlProject = (projectKey: string): string => `"${projectKey.replace(/["\\]/g, '\\$&')}"`;
