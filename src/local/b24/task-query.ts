/**
 * tasks.task.list's `filter` and `order`: UPPER field names with an optional operator prefix
 * (`>CHANGED_DATE`, `!REAL_STATUS`, `%TITLE`), arrays meaning "any of", dates compared as instants.
 */
import type { CallContext } from './context';
import { parsePortalDate } from './dates';
import { B24Error } from './envelope';
import { asList, asText } from './params';
import type { TaskRecord } from './state';

type Value = number | string | null;

const VALUES: Record<string, (t: TaskRecord) => Value> = {
  ID: (t) => t.id,
  TITLE: (t) => t.title,
  REAL_STATUS: (t) => t.status,
  // (inf.) STATUS in a filter is the meta status on real portals; only its plain codes are modelled here.
  STATUS: (t) => t.status,
  PRIORITY: (t) => t.priority,
  GROUP_ID: (t) => t.groupId,
  RESPONSIBLE_ID: (t) => t.responsibleId,
  CREATED_BY: (t) => t.createdBy,
  PARENT_ID: (t) => t.parentId ?? 0,
  XML_ID: (t) => t.xmlId,
  CHANGED_DATE: (t) => t.changedDate,
  CREATED_DATE: (t) => t.createdDate,
  CLOSED_DATE: (t) => t.closedDate,
  DEADLINE: (t) => t.deadline,
  ACTIVITY_DATE: (t) => t.changedDate,
};
const DATES = new Set(['CHANGED_DATE', 'CREATED_DATE', 'CLOSED_DATE', 'DEADLINE', 'ACTIVITY_DATE']);

function operand(field: string, raw: unknown, ctx: CallContext): Value {
  const text = asText(raw);
  if (raw === null || text === undefined) return null;
  if (DATES.has(field)) {
    const ms = parsePortalDate(text, ctx.timeZone);
    if (ms === undefined) throw new B24Error('0', `Invalid date value for filter field ${field} (internal error)`);
    return ms;
  }
  return /^-?\d+$/.test(text) && field !== 'TITLE' && field !== 'XML_ID' ? Number(text) : text;
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
  const m = /^(>=|<=|!=|>|<|!|=|%)?(.+)$/.exec(key.toUpperCase());
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
  const get = VALUES[field];
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

export function taskOrder(order: Record<string, unknown>): (a: TaskRecord, b: TaskRecord) => number {
  const keys = Object.entries(order).map(([field, dir]) => {
    const name = field.toUpperCase();
    const get = VALUES[name];
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
