/**
 * Checks the settable issue fields as Jira does and turns them into a patch. Errors are collected per field in
 * Jira's `errors` map, so one reply lists every bad field. A field off the caller's screen (unknown, not on the
 * project's screen, or hidden by a missing permission: Edit Issues, Modify Reporter, Assign Issues) is refused
 * as "not on the appropriate screen"; an assignee without Assignable User is refused under `assignee`.
 */
import type { AdfDoc } from './adf';
import type { JiraSeedProject } from '../contracts';
import { validateAdf } from '../adf-validator';
import { checkCustomValue } from './custom-values';
import { isValidDate } from './dates';
import { can } from './permissions';
import { customField } from './site-fields';
import type { JiraState } from './state';
import { PRIORITIES } from './state';

/** Who writes, where, and which fields their screen offers (see `screenFor`). */
export interface FieldScope {
  state: JiraState;
  project: JiraSeedProject;
  actorId: string;
  screen: ReadonlySet<string>;
}

/** Documented limit for description and textarea fields: 32,767 characters (we count the stored ADF JSON). */
const TEXT_LIMIT = 32_767;

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

const NOT_ON_SCREEN = (field: string): string =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export { isValidDate } from './dates';

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
  if (JSON.stringify(value).length > TEXT_LIMIT) {
    out.errors[field] = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
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

function checkAssignee(scope: FieldScope, value: unknown, out: FieldErrors): string | null | undefined {
  const accountId = checkUser(scope.state, 'assignee', value, out);
  if (typeof accountId === 'string' && !can(scope.state, accountId, scope.project.key, 'ASSIGNABLE_USER')) {
    const name = scope.state.user(accountId)?.displayName ?? accountId;
    out.errors.assignee = `User '${name}' cannot be assigned issues.`;
    return undefined;
  }
  return accountId;
}

/** The fields `actorId` may set on the project's screen: permissions take fields off it as Jira's UI hides them. */
export function screenFor(
  state: JiraState,
  project: JiraSeedProject,
  actorId: string,
  base: ReadonlySet<string>,
  mode: 'create' | 'edit',
): Set<string> {
  const has = (p: string): boolean => can(state, actorId, project.key, p);
  if (!has(mode === 'create' ? 'CREATE_ISSUES' : 'EDIT_ISSUES')) return new Set();
  const screen = new Set(base);
  if (!has('MODIFY_REPORTER')) screen.delete('reporter');
  if (!has('ASSIGN_ISSUES')) screen.delete('assignee');
  if (mode === 'edit') ['project', 'issuetype'].forEach((f) => screen.delete(f));
  return screen;
}

/** The priorities the project's priority scheme offers. */
export const projectPriorities = (project: JiraSeedProject): (typeof PRIORITIES)[number][] =>
  PRIORITIES.filter((p) => project.priorityIds === undefined || project.priorityIds.includes(p.id));

function checkPriority(project: JiraSeedProject, value: unknown, out: FieldErrors): string | undefined {
  const found = isRecord(value)
    ? projectPriorities(project).find((p) => (value.id !== undefined ? p.id === value.id : p.name === value.name))
    : undefined;
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

function checkCustom(state: JiraState, field: string, value: unknown, out: FieldErrors): unknown {
  const declared = customField(state, field);
  if (declared === undefined) {
    out.errors[field] = NOT_ON_SCREEN(field);
    return undefined;
  }
  const checked = checkCustomValue(declared, value, state.seed.baseUrl, (v) => {
    const doc = checkAdf(field, v, out);
    return doc === undefined ? { ok: false, error: out.errors[field] ?? 'INVALID_INPUT' } : { ok: true, value: doc };
  });
  if (!checked.ok) out.errors[field] = checked.error;
  return checked.ok ? checked.value : undefined;
}

export function parseFields(scope: FieldScope, fields: Record<string, unknown>, out: FieldErrors): FieldPatch {
  const { state } = scope;
  const patch: FieldPatch = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!scope.screen.has(field)) {
      out.errors[field] = NOT_ON_SCREEN(field);
      continue;
    }
    switch (field) {
      case 'summary':
        patch.summary = checkSummary(value, out);
        break;
      case 'description':
        patch.description = checkAdf(field, value, out);
        break;
      case 'assignee':
        patch.assignee = checkAssignee(scope, value, out);
        break;
      case 'reporter': {
        if (value === null) out.errors.reporter = 'Reporter is required.';
        else patch.reporter = checkUser(state, field, value, out);
        break;
      }
      case 'priority':
        patch.priorityId = checkPriority(scope.project, value, out);
        break;
      case 'duedate':
        patch.duedate = checkDuedate(value, out);
        break;
      case 'labels':
        patch.labels = checkLabels(value, out);
        break;
      default:
        if (/^customfield_\d+$/.test(field))
          patch.custom = { ...patch.custom, [field]: checkCustom(state, field, value, out) };
        else out.errors[field] = NOT_ON_SCREEN(field);
    }
  }
  return patch;
}

/** `update` operations folded into plain field values: `set` for any field, `add`/`remove` for labels. */
export function foldUpdateOps(
  update: Record<string, unknown>,
  currentLabels: string[],
  out: FieldErrors,
): Record<string, unknown> {
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
