/**
 * How each side is asked about a time or a project in its own query language, shared by reconciliation, the
 * migration and creation's lost-reply search. Pure: instants come in as arguments.
 */

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
