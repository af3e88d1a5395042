/**
 * The legacy `task.*` item methods (task.commentitem.* and friends) read their arguments by position: a JSON
 * array `[taskId, {...}]` or numeric keys `0=…&1[…]=…` (settings/how-to-call-rest-api/data-encoding.md, "Order of
 * Parameters": "parameters cannot be passed by name"). The portal hands the method the values of the whole
 * request in order, so a named argument — in the body or in the query string — shifts every position after it;
 * the emulator refuses any named argument outright (the stricter reading of "unpredictable, or an error").
 */
import { B24Error } from './envelope';
import type { Params } from './params';

const wrongArguments = (text: string): B24Error =>
  new B24Error('ERROR_CORE', `TASKS_ERROR_EXCEPTION_#256; ${text}; 256/TE/WRONG_ARGUMENTS.<br>`);

/** `ctaskcommentitem::add()` with its PHP parameter names, e.g. ['taskId', 'arFields']. */
export interface PositionalSignature {
  method: string;
  names: string[];
  /** How many leading parameters are required. */
  required: number;
}

/**
 * The arguments by position. A named argument is refused as the method sees it on a portal, where it lands in
 * position 0: "Param #0 (taskId) … expected to be of type "integer", but given something else" (the error the
 * docs' tables list, and the one @bitrix24/b24jssdk 2.2.0 reports live for its own query parameters).
 */
export function positionalArgs(params: Params, sig: PositionalSignature): unknown[] {
  const keys = Object.keys(params);
  if (keys.some((k) => !/^\d+$/.test(k))) throw typeError(0, sig);
  const args = keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => params[String(k)]);
  for (let i = 0; i < sig.required; i += 1) {
    if (args[i] === undefined || args[i] === null || args[i] === '') {
      throw wrongArguments(
        `Param #${i} (${sig.names[i] ?? `arg${i}`}) expected by method ${sig.method}(), but not given.`,
      );
    }
  }
  return args;
}

/** Param #0 must be an integer id (task or item). */
export function positionalInt(args: unknown[], index: number, sig: PositionalSignature): number {
  const raw = args[index];
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d+$/.test(text)) throw typeError(index, sig);
  return Number(text);
}

function typeError(index: number, sig: PositionalSignature): B24Error {
  return wrongArguments(
    `Param #${index} (${sig.names[index] ?? `arg${index}`}) for method ${sig.method}() expected to be of type "integer", but given something else.`,
  );
}

export { wrongArguments };
