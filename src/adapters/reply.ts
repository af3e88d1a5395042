/**
 * Reply validation shared by the REST clients: a reply that does not match what we rely on is a permanent
 * failure of the remote contract ('invalid-reply'), never a crash deep inside the mapping code.
 */
import { z } from 'zod';
import { errorMessage, PermanentError, RetryableError } from '../core/errors';

export const parseJsonText = (text: string, what: string, code: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PermanentError('invalid-reply', `${what}: the reply is not JSON (${text.slice(0, 80)})`, { code, cause });
  }
};

export const parseReply = <T>(schema: z.ZodType<T>, data: unknown, what: string, code: string): T => {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new PermanentError('invalid-reply', `${what}: unexpected reply: ${z.prettifyError(parsed.error)}`, {
    code,
    cause: parsed.error,
  });
};

/** A transport that threw never reached the server's logic (or we cannot know), so it is worth another try. */
export const networkError = (what: string, code: string, cause: unknown): RetryableError => {
  const name = cause instanceof Error ? cause.name : '';
  const timedOut = name === 'AbortError' || name === 'TimeoutError';
  const detail = errorMessage(cause);
  return new RetryableError(
    timedOut ? 'timeout' : 'network',
    `${what}: ${timedOut ? 'timed out' : 'network failure'} (${detail})`,
    {
      code,
      cause,
    },
  );
};
