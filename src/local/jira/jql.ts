/**
 * The JQL subset the app needs: `project =|in`, `key =|in`, `id =|in`, `status =`, `updated|created <op> date`,
 * `issue.property[k].path = v`, joined by AND, plus ORDER BY. Anything else is refused with Jira's 400 wording,
 * so the app cannot come to depend on JQL the emulator would silently misread.
 */
import { badRequest, type JiraHttpError } from './errors';

export type Clause =
  | { kind: 'in'; field: 'project' | 'key' | 'id' | 'status'; values: string[] }
  | { kind: 'time'; field: 'updated' | 'created'; op: '>=' | '>' | '<=' | '<' | '='; at: number }
  | { kind: 'property'; key: string; path: string[]; value: string };

export interface JqlQuery {
  clauses: Clause[];
  orderBy: { field: string; desc: boolean }[];
}

const jqlError = (message: string): JiraHttpError => badRequest([`Error in the JQL Query: ${message}`]);
const TOKEN = /\s*(issue\.property\[[^\]]+\](?:\.[\w.]+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|>=|<=|!=|[=<>(),]|[^\s=<>(),!"']+)/y;

function tokenize(jql: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(jql);
    if (m?.[1] === undefined) throw jqlError(`unexpected character at position ${TOKEN.lastIndex}.`);
    tokens.push(m[1]);
  }
  return tokens;
}

const unquote = (t: string): string => (/^["'].*["']$/.test(t) ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t);

/** Absolute "yyyy-MM-dd[ HH:mm]", epoch milliseconds, or relative "-15m"/"-2d"/"-1w"/"-3h". */
export function parseJqlTime(raw: string, now: number): number {
  const value = unquote(raw);
  const rel = /^([-+]?)(\d+)([mhdw])$/.exec(value);
  if (rel !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[3] as 'm' | 'h' | 'd' | 'w'];
    return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  if (/^\d{10,}$/.test(value)) return Number(value);
  const abs = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (abs !== null) return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0));
  throw jqlError(`Date value '${value}' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: string[]) {}
  peek(): string | undefined {
    return this.tokens[this.i];
  }
  next(what: string): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw jqlError(`Expecting ${what} but got the end of the query.`);
    return t;
  }
}

function parseValues(c: Cursor, op: string): string[] {
  if (op === '=') return [unquote(c.next('a value'))];
  if (c.next("'('") !== '(') throw jqlError("Expecting '(' after 'in'.");
  const values: string[] = [];
  for (;;) {
    values.push(unquote(c.next('a value')));
    const sep = c.next("',' or ')'");
    if (sep === ')') return values;
    if (sep !== ',') throw jqlError(`Expecting ',' or ')' but got '${sep}'.`);
  }
}

function parseClause(c: Cursor, now: number): Clause {
  const fieldToken = c.next('a field name');
  const field = fieldToken.toLowerCase();
  const op = c.next('an operator').toLowerCase();
  const prop = /^issue\.property\[(.+)\]((?:\.[\w]+)*)$/i.exec(fieldToken);
  if (prop?.[1] !== undefined && op === '=') {
    return { kind: 'property', key: unquote(prop[1]), path: (prop[2] ?? '').split('.').filter((p) => p !== ''), value: unquote(c.next('a value')) };
  }
  const normal = field === 'issuekey' ? 'key' : field;
  if ((normal === 'project' || normal === 'key' || normal === 'id' || normal === 'status') && (op === '=' || op === 'in')) {
    return { kind: 'in', field: normal, values: parseValues(c, op) };
  }
  if ((normal === 'updated' || normal === 'created') && ['>=', '>', '<=', '<', '='].includes(op)) {
    return { kind: 'time', field: normal, op: op as '>=' | '>' | '<=' | '<' | '=', at: parseJqlTime(c.next('a date'), now) };
  }
  throw jqlError(`The emulator does not support '${fieldToken} ${op}'.`);
}

export function parseJql(jql: string, now: number): JqlQuery {
  const c = new Cursor(tokenize(jql));
  const clauses: Clause[] = [];
  while (c.peek() !== undefined && c.peek()?.toLowerCase() !== 'order') {
    clauses.push(parseClause(c, now));
    const joiner = c.peek()?.toLowerCase();
    if (joiner === 'and') c.next('AND');
    else if (joiner !== undefined && joiner !== 'order') throw jqlError(`The emulator supports only AND, got '${joiner}'.`);
  }
  const orderBy: JqlQuery['orderBy'] = [];
  if (c.peek()?.toLowerCase() === 'order') {
    c.next('ORDER');
    if (c.next('BY').toLowerCase() !== 'by') throw jqlError("Expecting 'by' after 'order'.");
    while (c.peek() !== undefined) {
      const field = c.next('a field').toLowerCase();
      const dir = c.peek()?.toLowerCase();
      if (dir === 'asc' || dir === 'desc') c.next('direction');
      orderBy.push({ field, desc: dir === 'desc' });
      if (c.peek() === ',') c.next(',');
    }
    if (orderBy.length > 7) throw jqlError('ORDER BY accepts at most 7 fields.');
  }
  if (clauses.length === 0) throw badRequest(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  return { clauses, orderBy };
}
