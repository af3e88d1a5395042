/**
 * Bitrix24 failures → the app's error hierarchy, in one place. B24 answers errors as `{error, error_description}`
 * (REST 3.0: `{error:{code, message}}`) with a status that is not always meaningful, so the code decides first.
 */
import { PermanentError, RetryableError, type SyncError } from '../../core/errors';

export interface B24ErrorBody {
  error: string;
  description: string;
  /** `time.operating_reset_at` (epoch seconds) when the envelope carried it. */
  operatingResetAt?: number;
}

/** The leaky bucket drains 2 requests/s on standard plans, so one second frees a slot. */
const QUERY_LIMIT_WAIT_MS = 1000;
/**
 * No reset time given (the error reply carries no `time`): limits.md sums a method's time over ten minutes, so the
 * block lifts only as minutes of that window pass; asking again sooner is refused again.
 */
const OPERATION_LIMIT_WAIT_MS = 60_000;

const UNAUTHORIZED = new Set([
  'INVALID_CREDENTIALS',
  'NO_AUTH_FOUND',
  'invalid_token',
  'expired_token',
  'invalid_grant',
  'WRONG_AUTH_TYPE',
]);
// ACCESS_ERROR: the im.* methods' refusal for someone outside the chat.
const FORBIDDEN = new Set([
  'ACCESS_DENIED',
  'ACCESS_ERROR',
  'insufficient_scope',
  'user_access_error',
  'INVALID_REQUEST_SCOPE',
]);
const NOT_FOUND = new Set(['ERROR_METHOD_NOT_FOUND', 'ERROR_NOT_FOUND', 'NOT_FOUND', 'PORTAL_DELETED']);

export const translateB24Failure = (
  what: string,
  status: number,
  body: B24ErrorBody | null,
  nowMs: number,
): SyncError => {
  const error = body?.error ?? `HTTP_${status}`;
  const code = `b24:${error}`;
  const message = `${what} failed (${error}${body?.description ? `: ${body.description}` : ''}, HTTP ${status})`;
  if (error === 'QUERY_LIMIT_EXCEEDED' || error === 'OVERLOAD_LIMIT') {
    return new RetryableError('rate-limited', message, { code, retryAfterMs: QUERY_LIMIT_WAIT_MS });
  }
  if (error === 'OPERATION_TIME_LIMIT' || status === 429) {
    const reset = body?.operatingResetAt;
    const retryAfterMs = reset === undefined ? OPERATION_LIMIT_WAIT_MS : Math.max(0, reset * 1000 - nowMs);
    return new RetryableError('rate-limited', message, { code, retryAfterMs });
  }
  if (UNAUTHORIZED.has(error)) return new PermanentError('unauthorized', message, { code });
  if (error === 'PAYMENT_REQUIRED' || status === 402) return new PermanentError('payment-required', message, { code });
  if (FORBIDDEN.has(error)) return new PermanentError('forbidden', message, { code });
  if (NOT_FOUND.has(error) || status === 404) return new PermanentError('not-found', message, { code });
  if (status >= 500 || error === 'INTERNAL_SERVER_ERROR') return new RetryableError('server-error', message, { code });
  if (status === 401) return new PermanentError('unauthorized', message, { code });
  if (status === 403) return new PermanentError('forbidden', message, { code });
  return new PermanentError('invalid-request', message, { code });
};
