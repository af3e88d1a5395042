/**
 * tasks.task.list's `filter` and `order`: the UPPER field names the method's page lists (case-sensitive, as
 * documented) with an optional operator prefix (`>CHANGED_DATE`, `!REAL_STATUS`, `%TITLE`), arrays meaning
 * "any of", dates compared as instants. A filter key the docs do not list (`XML_ID`, `title`) is ignored, so it
 * filters nothing; an order key they do not list is refused with the documented error. Default order: ID desc.
 */
import type { CallContext } from './context';
import { parsePortalDate } from './dates';
import { B24Error } from './envelope';
import { asList, asText } from './params';
import type { TaskRecord } from './state';

type Value = number | string | null;

/** The documented filter fields that the emulator models (tasks-task-list.md, `filter`). */
const FILTERS: Record<string, (t: TaskRecord) => Value> = {
  ID: (t) => t.id,
  PARENT_ID: (t) => t.parentId ?? 0,
  GROUP_ID: (t) => t.groupId,
  CREATED_BY: (t) => t.createdBy,
  STATUS_CHANGED_BY: (t) => t.statusChangedBy,
  PRIORITY: (t) => t.priority,
  RESPONSIBLE_ID: (t) => t.responsibleId,
  TITLE: (t) => t.title,
  REAL_STATUS: (t) => t.status,
  // (inf.) STATUS in a filter is the meta status on real portals; only its plain codes are modelled here.
  STATUS: (t) => t.status,
  DATE_START: (t) => t.dateStart,
  DEADLINE: (t) => t.deadline,
  CREATED_DATE: (t) => t.createdDate,
  CLOSED_DATE: (t) => t.closedDate,
  CHANGED_DATE: (t) => t.changedDate,
};
/** The documented sort fields that the emulator models; the other documented ones sort as equal. */
const ORDERS: Record<string, (t: TaskRecord) => Value> = {
  ID: (t) => t.id,
  TITLE: (t) => t.title,
  DATE_START: (t) => t.dateStart,
  CREATED_DATE: (t) => t.createdDate,
  CHANGED_DATE: (t) => t.changedDate,
  CLOSED_DATE: (t) => t.closedDate,
  ACTIVITY_DATE: (t) => t.changedDate,
  START_DATE_PLAN: (t) => t.startDatePlan,
  END_DATE_PLAN: (t) => t.endDatePlan,
  DEADLINE: (t) => t.deadline,
  REAL_STATUS: (t) => t.status,
  PRIORITY: (t) => t.priority,
  GROUP_ID: (t) => t.groupId,
};
const UNMODELLED_ORDERS = [
  'TIME_SPENT_IN_LOGS',
  'STATUS_COMPLETE',
  'MARK',
  'CREATED_BY_LAST_NAME',
  'RESPONSIBLE_LAST_NAME',
  'TIME_ESTIMATE',
  'ALLOW_CHANGE_DEADLINE',
  'ALLOW_TIME_TRACKING',
  'MATCH_WORK_TIME',
  'FAVORITE',
  'SORTING',
  'IS_PINNED',
  'IS_PINNED_IN_GROUP',
];
const DATES = new Set(['CHANGED_DATE', 'CREATED_DATE', 'CLOSED_DATE', 'DEADLINE', 'DATE_START']);

function operand(field: string, raw: unknown, ctx: CallContext): Value {
  const text = asText(raw);
  if (raw === null || text === undefined) return null;
  if (DATES.has(field)) {
    const ms = parsePortalDate(text, ctx.timeZone);
    if (ms === undefined) throw new B24Error('0', `Invalid date value for filter field ${field} (internal error)`);
    return ms;
  }
  return /^-?\d+$/.test(text) && field !== 'TITLE' ? Number(text) : text;
}

function compare(op: string, actual: Value, expected: Value): boolean {
  if (op === '%') return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
  if (op === '' || op === '=') return actual === expected || (actual === null && expected === '');
  if (op === '!' || op === '!=') return actual !== expected;
  if (actual === null || expected === null) return false;
  if (op === '>') return actual > expected;
  if (op === '>=') return actual >= expected;
  if (op === '<') return actual < expected;
  if (op === '<=') return actual <= expected;
  return false;
}

function predicate(ctx: CallContext, key: string, raw: unknown): (t: TaskRecord) => boolean {
  const m = /^(>=|<=|!=|>|<|!|=|%)?(.+)$/.exec(key);
  const op = m?.[1] ?? '';
  const field = m?.[2] ?? '';
  if (field === 'TAG') {
    const tags = asList(raw).map((x) => asText(x));
    return (t) => t.tags.some((tag) => tags.includes(tag));
  }
  if (field.startsWith('UF_')) {
    const expected = asText(raw);
    return (t) => compare(op, asText(t.uf[field]) ?? null, expected ?? null) !== false;
  }
  const get = FILTERS[field];
  // Not a documented filter field: the portal filters nothing by it (see README, "Emulated Bitrix24").
  if (!get) return () => true;
  const list = Array.isArray(raw) || (typeof raw === 'object' && raw !== null);
  const values = (list ? asList(raw) : [raw]).map((v) => operand(field, v, ctx));
  const negate = op === '!' || op === '!=';
  return (t) => {
    const actual = get(t);
    return negate ? values.every((v) => compare(op, actual, v)) : values.some((v) => compare(op, actual, v));
  };
}

export function taskFilter(ctx: CallContext, filter: Record<string, unknown>): (t: TaskRecord) => boolean {
  const checks = Object.entries(filter).map(([k, v]) => predicate(ctx, k, v));
  return (t) => checks.every((c) => c(t));
}

const DEFAULT_ORDER = { ID: 'desc' };

export function taskOrder(requested: Record<string, unknown>): (a: TaskRecord, b: TaskRecord) => number {
  const order = Object.keys(requested).length ? requested : DEFAULT_ORDER;
  const keys = Object.entries(order).map(([name, dir]) => {
    const get = ORDERS[name] ?? (UNMODELLED_ORDERS.includes(name) ? () => null : undefined);
    if (!get) throw new B24Error('0', 'Invalid sorting key (internal error)');
    const d = String(asText(dir) ?? 'asc').toLowerCase();
    if (d !== 'asc' && d !== 'desc') throw new B24Error('0', 'Invalid sorting order (internal error)');
    return { get, sign: d === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { get, sign } of keys) {
      const x = get(a);
      const y = get(b);
      if (x === y) continue;
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return a.id - b.id;
  };
}
