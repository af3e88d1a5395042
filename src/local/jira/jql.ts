/**
 * The JQL the app and people use: clauses on project, key, id, status, statusCategory, assignee, reporter,
 * priority, labels, created/updated/duedate and issue properties, with `=`, `!=`, `in`, `not in`, `is [not] empty`
 * and comparisons, joined by AND, OR, NOT and parentheses, plus ORDER BY. Anything else is refused with Jira's
 * 400 wording, so the app cannot come to depend on JQL the emulator would silently misread.
 */
import { badRequest, type JiraHttpError } from './errors';

export type Op = '=' | '!=' | 'in' | 'not in' | 'is' | 'is not' | '>=' | '>' | '<=' | '<';

export type Clause =
  | { kind: 'field'; field: string; op: Op; values: (string | null)[] }
  | { kind: 'time'; field: 'updated' | 'created'; op: '>=' | '>' | '<=' | '<' | '='; at: number }
  | { kind: 'property'; key: string; path: string[]; op: '=' | '!='; value: string };

export type Expr = Clause | { kind: 'and' | 'or'; items: Expr[] } | { kind: 'not'; item: Expr };

export interface JqlQuery {
  where: Expr | null;
  orderBy: { field: string; desc: boolean }[];
}

export const FIELDS = [
  'project',
  'key',
  'id',
  'status',
  'statuscategory',
  'assignee',
  'reporter',
  'priority',
  'labels',
  'duedate',
];

const jqlError = (message: string): JiraHttpError => badRequest([`Error in the JQL Query: ${message}`]);
const TOKEN =
  /\s*(issue\.property\[[^\]]+\](?:\.[\w.]+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|>=|<=|!=|[=<>(),]|[^\s=<>(),!"']+(?:\(\))?)/y;

function tokenize(jql: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(jql);
    if (m?.[1] === undefined)
      throw jqlError(`The character '${jql.charAt(TOKEN.lastIndex)}' is a reserved JQL character.`);
    tokens.push(m[1]);
  }
  return tokens;
}

const quoted = (t: string): boolean => /^["'].*["']$/.test(t);
const unquote = (t: string): string => (quoted(t) ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t);

/** Absolute "yyyy-MM-dd[ HH:mm]", epoch milliseconds, or relative "-15m"/"-2d"/"-1w"/"-3h". */
function parseJqlTime(raw: string, now: number): number {
  const value = unquote(raw);
  const rel = /^([-+]?)(\d+)([mhdw])$/.exec(value);
  if (rel !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[3] as 'm' | 'h' | 'd' | 'w'];
    return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  if (/^\d{10,}$/.test(value)) return Number(value);
  const abs = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (abs !== null)
    return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0));
  throw jqlError(
    `Date value '${value}' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: string[]) {}
  peek(): string | undefined {
    return this.tokens[this.i];
  }
  peekWord(): string | undefined {
    const t = this.tokens[this.i];
    return t === undefined || quoted(t) ? undefined : t.toLowerCase();
  }
  next(what: string): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw jqlError(`Expecting ${what} but got the end of the query.`);
    return t;
  }
}

function value(c: Cursor, currentUser: string): string | null {
  const t = c.next('a value');
  if (!quoted(t) && /^(empty|null)$/i.test(t)) return null;
  if (!quoted(t) && t.toLowerCase() === 'currentuser()') return currentUser;
  return unquote(t);
}

function parseList(c: Cursor, currentUser: string): (string | null)[] {
  if (c.next("'('") !== '(') throw jqlError("Expecting '(' after 'in'.");
  const values: (string | null)[] = [];
  for (;;) {
    values.push(value(c, currentUser));
    const sep = c.next("',' or ')'");
    if (sep === ')') return values;
    if (sep !== ',') throw jqlError(`Expecting ',' or ')' but got '${sep}'.`);
  }
}

function parseOp(c: Cursor): Op {
  const op = c.next('an operator').toLowerCase();
  if (op === 'not' || op === 'is') {
    if (op === 'is' && c.peekWord() === 'not') {
      c.next('NOT');
      return 'is not';
    }
    if (op === 'not' && c.next("'in'").toLowerCase() !== 'in') throw jqlError("Expecting 'in' after 'not'.");
    return op === 'not' ? 'not in' : 'is';
  }
  if (['=', '!=', 'in', '>=', '>', '<=', '<'].includes(op)) return op as Op;
  throw jqlError(
    `Expecting operator but got '${op}'. Valid operators are: '=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'.`,
  );
}

function parseClause(c: Cursor, now: number, currentUser: string): Clause {
  const fieldToken = c.next('a field name');
  const op = parseOp(c);
  const prop = /^issue\.property\[(.+)\]((?:\.[\w]+)*)$/i.exec(fieldToken);
  if (prop?.[1] !== undefined && (op === '=' || op === '!=')) {
    return {
      kind: 'property',
      key: unquote(prop[1]),
      path: (prop[2] ?? '').split('.').filter((p) => p !== ''),
      op,
      value: unquote(c.next('a value')),
    };
  }
  const field = unquote(fieldToken)
    .toLowerCase()
    .replace(/^issuekey$/, 'key');
  if ((field === 'updated' || field === 'created') && ['>=', '>', '<=', '<', '='].includes(op)) {
    return { kind: 'time', field, op: op as '>=' | '>' | '<=' | '<' | '=', at: parseJqlTime(c.next('a date'), now) };
  }
  if (!FIELDS.includes(field))
    throw jqlError(`Field '${unquote(fieldToken)}' does not exist or you do not have permission to view it.`);
  if (op === 'in' || op === 'not in') return { kind: 'field', field, op, values: parseList(c, currentUser) };
  const v = value(c, currentUser);
  if ((op === 'is' || op === 'is not') && v !== null)
    throw jqlError(`The operator '${op.toUpperCase()}' can only be used with the value 'EMPTY' or 'NULL'.`);
  if (['>=', '>', '<=', '<'].includes(op) && field !== 'duedate' && field !== 'priority' && field !== 'id')
    throw jqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  return { kind: 'field', field, op, values: [v] };
}

function parseUnary(c: Cursor, now: number, user: string): Expr {
  if (c.peekWord() === 'not') {
    c.next('NOT');
    return { kind: 'not', item: parseUnary(c, now, user) };
  }
  if (c.peek() === '(') {
    c.next('(');
    const inner = parseOr(c, now, user);
    if (c.next("')'") !== ')') throw jqlError("Expecting ')'.");
    return inner;
  }
  return parseClause(c, now, user);
}

function parseJoined(c: Cursor, word: 'and' | 'or', part: () => Expr): Expr {
  const items = [part()];
  while (c.peekWord() === word || (word === 'and' && c.peek() === '&&') || (word === 'or' && c.peek() === '||')) {
    c.next(word);
    items.push(part());
  }
  return items.length === 1 && items[0] !== undefined ? items[0] : { kind: word, items };
}

function parseOr(c: Cursor, now: number, user: string): Expr {
  return parseJoined(c, 'or', () => parseJoined(c, 'and', () => parseUnary(c, now, user)));
}

function parseOrderBy(c: Cursor): JqlQuery['orderBy'] {
  const orderBy: JqlQuery['orderBy'] = [];
  c.next('ORDER');
  if (c.next('BY').toLowerCase() !== 'by') throw jqlError("Expecting 'by' after 'order'.");
  while (c.peek() !== undefined) {
    const field = unquote(c.next('a field')).toLowerCase();
    const dir = c.peekWord();
    if (dir === 'asc' || dir === 'desc') c.next('direction');
    orderBy.push({ field, desc: dir === 'desc' });
    if (c.peek() === ',') c.next(',');
    else if (c.peek() !== undefined) throw jqlError(`Expecting ',' but got '${c.peek() ?? ''}'.`);
  }
  if (orderBy.length > 7) throw jqlError('ORDER BY accepts at most 7 fields.');
  return orderBy;
}

/** `currentUser` is the caller's account id, for `currentUser()`. An empty query matches everything. */
export function parseJql(jql: string, now: number, currentUser = ''): JqlQuery {
  const c = new Cursor(tokenize(jql));
  const where = c.peek() === undefined || c.peekWord() === 'order' ? null : parseOr(c, now, currentUser);
  if (c.peek() !== undefined && c.peekWord() !== 'order')
    throw jqlError(`Expecting either 'OR' or 'AND' but got '${c.peek() ?? ''}'.`);
  return { where, orderBy: c.peek() === undefined ? [] : parseOrderBy(c) };
}
