/**
 * Statuses and priorities through the config tables. Reading a side yields the canonical value; a target for a
 * side exists only when a row carries the value in that direction, otherwise the value does not flow.
 */
import { flowsTo, type PriorityRow, type StatusRow } from '../config';
import type { CanonicalPriority, CanonicalStatus } from '../model';
import { ufReadKey } from './custom-fields';

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface B24StatusTarget {
  status: string;
  /** The Jira-only status field and the value it must hold afterwards ('' clears a stale Jira-only status). */
  field?: { name: string; value: string };
}

export function readB24Status(
  status: string,
  userFields: Record<string, unknown>,
  rows: readonly StatusRow[],
): CanonicalStatus {
  for (const row of rows) {
    if (row.b24Status !== null || row.b24Field === undefined || row.holdB24Status !== status) continue;
    const held = userFields[ufReadKey(row.b24Field)] ?? userFields[row.b24Field];
    if (typeof held === 'string' && same(held, row.jiraStatus)) return row.jiraStatus;
  }
  const row =
    rows.find((r) => r.b24Status === status && flowsTo(r.direction, 'jira')) ??
    rows.find((r) => r.b24Status === status);
  return row ? row.jiraStatus : `b24:${status}`;
}

export function readJiraStatus(name: string, rows: readonly StatusRow[]): CanonicalStatus {
  const row = rows.find((r) => same(r.jiraStatus, name));
  return row ? row.jiraStatus : `jira:${name}`;
}

/** The Jira status name to move to, or null when no row carries this status to Jira. */
export function jiraStatusTarget(value: CanonicalStatus, rows: readonly StatusRow[]): string | null {
  const row = rows.find((r) => r.b24Status !== null && same(r.jiraStatus, value) && flowsTo(r.direction, 'jira'));
  return row ? row.jiraStatus : null;
}

export function b24StatusTarget(value: CanonicalStatus, rows: readonly StatusRow[]): B24StatusTarget | null {
  const row = rows.find((r) => same(r.jiraStatus, value) && flowsTo(r.direction, 'b24'));
  if (!row) return null;
  const statusField = rows.find((r) => r.b24Status === null && r.b24Field !== undefined)?.b24Field;
  if (row.b24Status === null) {
    if (row.b24Field === undefined || row.holdB24Status === undefined) return null;
    return { status: row.holdB24Status, field: { name: row.b24Field, value: row.jiraStatus } };
  }
  return statusField === undefined
    ? { status: row.b24Status }
    : { status: row.b24Status, field: { name: statusField, value: '' } };
}

export function readB24Priority(code: string): CanonicalPriority {
  return ['0', '1', '2'].includes(code) ? code : `b24:${code}`;
}

export function readJiraPriority(name: string | null, rows: readonly PriorityRow[]): CanonicalPriority {
  if (name === null) return 'jira:';
  const row =
    rows.find((r) => same(r.jiraPriority, name) && flowsTo(r.direction, 'b24')) ??
    rows.find((r) => same(r.jiraPriority, name));
  return row ? row.b24Priority : `jira:${name}`;
}

export function jiraPriorityTarget(value: CanonicalPriority, rows: readonly PriorityRow[]): string | null {
  return rows.find((r) => r.b24Priority === value && flowsTo(r.direction, 'jira'))?.jiraPriority ?? null;
}

export function b24PriorityTarget(value: CanonicalPriority, rows: readonly PriorityRow[]): string | null {
  return rows.some((r) => r.b24Priority === value && flowsTo(r.direction, 'b24')) ? value : null;
}
