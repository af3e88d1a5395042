/** Evaluates a parsed JQL query against stored issues, with Jira's rules for empty fields and ordering. */
import { badRequest } from './errors';
import type { Clause, Expr } from './jql';
import type { JiraState, StoredIssue } from './state';
import { STATUS_CATEGORIES } from './workflow';

function propertyValue(issue: StoredIssue, key: string, path: string[]): unknown {
  let value: unknown = issue.properties.get(key);
  for (const p of path)
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[p] : undefined;
  return value;
}

/** The values a field holds, each with every spelling JQL accepts for it (lower-cased); empty when unset. */
function fieldValues(state: JiraState, issue: StoredIssue, field: string): string[][] {
  const project = state.projectOf(issue);
  const status = state.workflowOf(project).statuses.find((s) => s.id === issue.statusId);
  const spell = (...names: (string | number | undefined)[]): string[] =>
    names.filter((n) => n !== undefined).map((n) => String(n).toLowerCase());
  switch (field) {
    case 'project':
      return [spell(project.key, project.id, project.name)];
    case 'key':
      return [spell(issue.key)];
    case 'id':
      return [spell(issue.id)];
    case 'status':
      return [spell(status?.name, status?.id)];
    case 'statuscategory': {
      const category = status === undefined ? undefined : STATUS_CATEGORIES[status.category];
      return category === undefined ? [] : [spell(category.name, category.key, category.id)];
    }
    case 'assignee':
      return issue.assignee === null ? [] : [spell(issue.assignee)];
    case 'reporter':
      return issue.reporter === null ? [] : [spell(issue.reporter)];
    case 'priority':
      return issue.priorityId === null ? [] : [spell(issue.priorityId, priorityName(issue.priorityId))];
    case 'labels':
      return issue.labels.map((l) => spell(l));
    case 'duedate':
      return issue.duedate === null ? [] : [spell(issue.duedate)];
    default:
      throw badRequest([
        `Error in the JQL Query: Field '${field}' does not exist or you do not have permission to view it.`,
      ]);
  }
}

const PRIORITY_NAMES: Record<string, string> = { 1: 'Highest', 2: 'High', 3: 'Medium', 4: 'Low', 5: 'Lowest' };
const priorityName = (id: string): string | undefined => PRIORITY_NAMES[id];

function matchField(state: JiraState, issue: StoredIssue, clause: Extract<Clause, { kind: 'field' }>): boolean {
  const held = fieldValues(state, issue, clause.field);
  const wanted = clause.values.filter((v): v is string => v !== null).map((v) => v.toLowerCase());
  const hit = held.some((spellings) => spellings.some((s) => wanted.includes(s)));
  const wantsEmpty = clause.values.includes(null);
  switch (clause.op) {
    case 'is':
      return held.length === 0;
    case 'is not':
      return held.length > 0;
    case '=':
    case 'in':
      return hit || (wantsEmpty && held.length === 0);
    // Documented: "the != operator will not match a field that has no value"; NOT IN likewise.
    case '!=':
    case 'not in':
      return held.length > 0 && !hit;
    default: {
      const first = held[0]?.[0];
      const target = wanted[0];
      if (first === undefined || target === undefined) return false;
      // Issue ids compare as numbers (JQL reference: id supports >, >=, <, <=).
      const [a, b] =
        clause.field === 'priority'
          ? [rank(first), rank(target)]
          : clause.field === 'id'
            ? [Number(first), Number(target)]
            : [first, target];
      return { '>=': a >= b, '>': a > b, '<=': a <= b, '<': a < b }[clause.op];
    }
  }
}

/** Priority rank: higher means more urgent, so `priority > Medium` is High and Highest, as in Jira. */
function rank(idOrName: string): number {
  const id = Object.entries(PRIORITY_NAMES).find(([, n]) => n.toLowerCase() === idOrName)?.[0] ?? idOrName;
  return 6 - Number(id);
}

function matchClause(state: JiraState, issue: StoredIssue, clause: Clause): boolean {
  switch (clause.kind) {
    case 'field':
      return matchField(state, issue, clause);
    case 'time': {
      // JQL compares at minute precision.
      const t = Math.floor(issue[clause.field] / 60_000) * 60_000;
      return {
        '>=': t >= clause.at,
        '>': t > clause.at,
        '<=': t <= clause.at,
        '<': t < clause.at,
        '=': t === clause.at,
      }[clause.op];
    }
    case 'property': {
      const v = propertyValue(issue, clause.key, clause.path);
      const same =
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === clause.value;
      return clause.op === '=' ? same : v !== undefined && v !== null && !same;
    }
  }
}

export function matches(state: JiraState, issue: StoredIssue, expr: Expr): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every((e) => matches(state, issue, e));
    case 'or':
      return expr.items.some((e) => matches(state, issue, e));
    case 'not':
      return !matches(state, issue, expr.item);
    default:
      return matchClause(state, issue, expr);
  }
}

/** Sort key per ORDER BY field; empty values sort last ascending, as Jira puts EMPTY last. */
export function sortKey(state: JiraState, issue: StoredIssue, field: string): number | string {
  switch (field) {
    case 'updated':
    case 'created':
      return issue[field];
    case 'key':
    case 'issuekey':
    case 'id':
      return Number(issue.id);
    case 'summary':
      return issue.summary.toLowerCase();
    case 'priority':
      return issue.priorityId === null ? -1 : 6 - Number(issue.priorityId);
    case 'duedate':
      return issue.duedate ?? '9999-99-99';
    case 'status':
      return state.workflowOf(state.projectOf(issue)).statuses.findIndex((s) => s.id === issue.statusId);
    case 'assignee':
      return issue.assignee === null ? '\uffff' : (state.user(issue.assignee)?.displayName ?? '').toLowerCase();
    default:
      throw badRequest([
        `Error in the JQL Query: Field '${field}' does not exist or you do not have permission to view it.`,
      ]);
  }
}

/** Project ids and keys named in the query that do not exist: Jira refuses those rather than matching nothing. */
export function unknownProjects(state: JiraState, expr: Expr | null): string[] {
  if (expr === null) return [];
  if (expr.kind === 'and' || expr.kind === 'or') return expr.items.flatMap((e) => unknownProjects(state, e));
  if (expr.kind === 'not') return unknownProjects(state, expr.item);
  if (expr.kind !== 'field' || expr.field !== 'project') return [];
  return expr.values.filter((v): v is string => v !== null && state.projectByIdOrKey(v) === undefined);
}
