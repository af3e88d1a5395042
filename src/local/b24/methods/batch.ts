/**
 * batch: up to 50 `method?query` commands, `$result[cmd][path…]` references to earlier results, `halt` stopping
 * at the first failure. HTTP 200 even when sub-calls fail; the outer call counts once against the bucket.
 */
import type { CallContext, MethodResult, MethodTable } from '../context';
import { B24Error, timeInfo } from '../envelope';
import { asRecord, asText, isRecord, param, yesNo, type Params } from '../params';
import { parseStr, type PhpValue } from '../php-query';

const MAX_COMMANDS = 50;

function resolvePath(results: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = results;
  for (const key of path) {
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isRecord(value)) value = value[key];
    else return undefined;
  }
  return value;
}

const REF = /\$result((?:\[[^\]]*\])+)/g;

function lookup(results: Record<string, unknown>, brackets: string): unknown {
  return resolvePath(
    results,
    [...brackets.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
  );
}

/**
 * Like the portal, the query is parsed first and each argument value is then resolved: a value that is exactly
 * one reference takes the referenced value as is (an array stays an array); references inside text interpolate.
 */
function substitute(value: PhpValue, results: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$result((?:\[[^\]]*\])+)$/.exec(value);
    if (whole) return lookup(results, whole[1] ?? '');
    return value.replace(REF, (_all, brackets: string) => asText(lookup(results, brackets)) ?? '');
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
}

function parseCommand(command: string, results: Record<string, unknown>): { method: string; params: Params } {
  const q = command.indexOf('?');
  const method = (q < 0 ? command : command.slice(0, q))
    .trim()
    .toLowerCase()
    .replace(/\.json$/, '');
  const parsed = q < 0 ? {} : parseStr(command.slice(q + 1));
  const params: Params = {};
  for (const [k, v] of Object.entries(parsed)) params[k] = substitute(v, results);
  return { method, params };
}

/** `cmd` as a map or a list: "The array of requests can use numeric keys or be associative" (batch.md). */
function commandsOf(params: Params): Record<string, unknown> {
  const raw = param(params, 'cmd');
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((command: unknown, i) => [String(i), command]));
  return asRecord(raw) ?? {};
}

/** PHP prints an empty array as [], keys 0..n-1 as a JSON list, anything else as an object. */
function phpMap(m: Record<string, unknown>): unknown {
  const keys = Object.keys(m);
  if (keys.length === 0) return [];
  return keys.every((k, i) => k === String(i)) ? keys.map((k) => m[k]) : m;
}

function run(ctx: CallContext, params: Params): MethodResult {
  const cmd = commandsOf(params);
  const entries = Object.entries(cmd);
  if (entries.length > MAX_COMMANDS) throw new B24Error('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
  const halt = yesNo(param(params, 'halt')) === 'Y';
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  const totals: Record<string, number> = {};
  const nexts: Record<string, number> = {};
  const times: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const { method, params: subParams } = parseCommand(asText(raw) ?? '', result);
    try {
      if (method === 'batch')
        throw new B24Error('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 405);
      const sub = ctx.dispatch(method, subParams);
      result[key] = sub.result;
      if (sub.total !== undefined) totals[key] = sub.total;
      if (sub.next !== undefined) nexts[key] = sub.next;
      times[key] = timeInfo(ctx.now, ctx.costOf(method), ctx.timeZone, 0, Math.floor(ctx.now / 1000) + 600);
    } catch (error) {
      if (!(error instanceof B24Error)) throw error;
      errors[key] = { error: error.code, error_description: error.description };
      if (halt) break;
    }
  }
  return {
    result: {
      result: phpMap(result),
      result_error: phpMap(errors),
      result_total: phpMap(totals),
      result_next: phpMap(nexts),
      result_time: phpMap(times),
    },
  };
}

export const batchMethods: MethodTable = { batch: { scope: null, run } };
