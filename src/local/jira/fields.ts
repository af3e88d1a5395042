/**
 * Checks the settable issue fields as Jira does and turns them into a patch. Errors are collected per field in
 * Jira's `errors` map, so one reply lists every bad field. Unknown fields are refused ("not on the screen").
 */
import type { AdfDoc } from '../../core/adf';
import { validateAdf } from '../adf-validator';
import type { JiraState } from './state';
import { PRIORITIES } from './state';

export interface FieldPatch {
  summary?: string;
  description?: AdfDoc | null;
  assignee?: string | null;
  reporter?: string | null;
  priorityId?: string;
  duedate?: string | null;
  labels?: string[];
  custom?: Record<string, unknown>;
}

export interface FieldErrors {
  errors: Record<string, string>;
  /** ADF problems, reported as Jira's INVALID_INPUT plus an X-Emulator-Detail header. */
  invalidAdf: string[];
}

const NOT_ON_SCREEN = (field: string): string => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function checkAdf(field: string, value: unknown, out: FieldErrors): AdfDoc | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) {
    out.errors[field] = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    return undefined;
  }
  const problems = validateAdf(value);
  if (problems.length > 0) {
    out.invalidAdf.push(...problems.map((p) => `${field}: ${p}`));
    return undefined;
  }
  return value as unknown as AdfDoc;
}

function checkUser(state: JiraState, field: string, value: unknown, out: FieldErrors): string | null | undefined {
  if (value === null) return null;
  const accountId = isRecord(value) ? (value.accountId ?? value.id) : undefined;
  if (typeof accountId !== 'string' || !state.isKnownAccount(accountId)) {
    out.errors[field] = 'Specified user does not exist or you do not have required permissions';
    return undefined;
  }
  return accountId;
}

function checkPriority(value: unknown, out: FieldErrors): string | undefined {
  const found = isRecord(value) ? PRIORITIES.find((p) => (value.id !== undefined ? p.id === value.id : p.name === value.name)) : undefined;
  if (found === undefined) out.errors.priority = 'The priority selected is invalid.';
  return found?.id;
}

function checkSummary(value: unknown, out: FieldErrors): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') out.errors.summary = 'You must specify a summary of the issue.';
  else if (/[\r\n]/.test(value)) out.errors.summary = 'The summary is invalid because it contains newline characters.';
  else if (value.length > 255) out.errors.summary = 'Summary must be less than 255 characters.';
  else return value;
  return undefined;
}

function checkLabels(value: unknown, out: FieldErrors): string[] | undefined {
  if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string')) {
    out.errors.labels = 'Labels must be a list of strings.';
    return undefined;
  }
  const bad = value.find((l) => l === '' || /\s/.test(l));
  if (bad !== undefined) {
    out.errors.labels = `The label '${bad}' contains spaces which is invalid.`;
    return undefined;
  }
  return [...new Set(value)];
}

function checkDuedate(value: unknown, out: FieldErrors): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' && isValidDate(value)) return value;
  out.errors.duedate = `Error parsing date string: ${JSON.stringify(value)}`;
  return undefined;
}

/** Custom fields are free-form here (the seed declares none); ADF-looking values must still be valid ADF. */
function checkCustom(field: string, value: unknown, out: FieldErrors): unknown {
  if (isRecord(value) && value.type === 'doc') return checkAdf(field, value, out);
  return value;
}

export function parseFields(state: JiraState, fields: Record<string, unknown>, out: FieldErrors): FieldPatch {
  const patch: FieldPatch = {};
  for (const [field, value] of Object.entries(fields)) {
    switch (field) {
      case 'summary': patch.summary = checkSummary(value, out); break;
      case 'description': patch.description = checkAdf(field, value, out); break;
      case 'assignee': patch.assignee = checkUser(state, field, value, out); break;
      case 'reporter': {
        if (value === null) out.errors.reporter = 'Reporter is required.';
        else patch.reporter = checkUser(state, field, value, out);
        break;
      }
      case 'priority': patch.priorityId = checkPriority(value, out); break;
      case 'duedate': patch.duedate = checkDuedate(value, out); break;
      case 'labels': patch.labels = checkLabels(value, out); break;
      default:
        if (/^customfield_\d+$/.test(field)) patch.custom = { ...patch.custom, [field]: checkCustom(field, value, out) };
        else out.errors[field] = NOT_ON_SCREEN(field);
    }
  }
  return patch;
}

/** `update` operations folded into plain field values: `set` for any field, `add`/`remove` for labels. */
export function foldUpdateOps(update: Record<string, unknown>, currentLabels: string[], out: FieldErrors): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [field, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) continue;
    let labels = [...currentLabels];
    for (const op of ops) {
      if (!isRecord(op)) continue;
      if ('set' in op) fields[field] = op.set;
      else if (field === 'labels' && typeof op.add === 'string') labels = [...labels, op.add];
      else if (field === 'labels' && typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
      else out.errors[field] = `Operation '${Object.keys(op).join(',')}' is not supported on field '${field}'.`;
      if (field === 'labels' && !('set' in op)) fields.labels = labels;
    }
  }
  return fields;
}
