/**
 * Bitrix24 `batch`: up to 50 calls in one request. Commands travel as `method?query` strings built with PHP's
 * http_build_query rules, and the reply is HTTP 200 even when commands fail, so per-command errors are read
 * from `result_error`.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { B24BatchCommand, B24BatchResult } from '../../ports/b24';
import type { B24Caller } from './request';

export const MAX_BATCH_COMMANDS = 50;

const scalar = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
};

/** `{filter:{'>ID':5}, select:['ID']}` → `filter%5B%3EID%5D=5&select%5B0%5D=ID`; nulls are skipped as PHP does. */
export const buildQuery = (params: Record<string, unknown>): string => {
  const pairs: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(`${prefix}[${index}]`, item));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(`${prefix}[${key}]`, item);
    } else {
      const text = scalar(value);
      if (text !== null) pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(text)}`);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs.join('&');
};

export const encodeCommand = ({ method, params }: B24BatchCommand): string => {
  const query = params === undefined ? '' : buildQuery(params);
  return query === '' ? method : `${method}?${query}`;
};

/**
 * PHP serialises an empty array as `[]` and one keyed 0..n-1 (commands named by number) as a JSON list, so every
 * map may arrive as a list; its positions are the command names.
 */
const map = <T extends z.ZodType>(value: T) =>
  z.union([
    z.record(z.string(), value),
    z
      .array(value)
      .transform((list) => Object.fromEntries(list.map((item, i) => [String(i), item])) as Record<string, z.output<T>>),
  ]);

const batchReplySchema = z.object({
  result: map(z.unknown()),
  result_error: map(z.object({ error: z.string(), error_description: z.string().default('') })),
});

export const runBatch = async (
  caller: B24Caller,
  commands: Record<string, B24BatchCommand>,
  halt: boolean,
): Promise<B24BatchResult> => {
  const names = Object.keys(commands);
  if (names.length === 0) return { results: {}, errors: {} };
  if (names.length > MAX_BATCH_COMMANDS) {
    throw new PermanentError(
      'invalid-request',
      `Bitrix24 batch: ${names.length} commands, at most ${MAX_BATCH_COMMANDS} allowed`,
      {
        code: 'b24:ERROR_BATCH_LENGTH_EXCEEDED',
      },
    );
  }
  const cmd = Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, encodeCommand(command)]));
  const { result } = await caller.call('batch', { halt: halt ? 1 : 0, cmd }, batchReplySchema);
  const errors = Object.fromEntries(
    Object.entries(result.result_error).map(([name, e]) => [
      name,
      { error: e.error, description: e.error_description },
    ]),
  );
  return { results: result.result, errors };
};
