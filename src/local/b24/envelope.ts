/**
 * The reply shapes every v2 method shares: `{result, total?, next?, time{}}` on success and
 * `{error, error_description}` with the documented HTTP status on failure.
 */
import { formatPortalDate } from './dates';

/** A Bitrix24 error answer; methods throw it and the router renders it. */
export class B24Error extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${code}: ${description}`);
  }
}

/** Codes, texts and HTTP statuses from the docs' system-error table (_includes/system-errors.md). */
export const SystemErrors = {
  noAuth: () => new B24Error('NO_AUTH_FOUND', 'Wrong authorization data', 401),
  invalidCredentials: () => new B24Error('INVALID_CREDENTIALS', 'Invalid request credentials', 403),
  expiredToken: () => new B24Error('expired_token', 'The access token provided has expired', 401),
  invalidToken: () => new B24Error('invalid_token', 'The access token provided is invalid', 401),
  insufficientScope: (kind: 'webhook' | 'app') =>
    new B24Error(
      'insufficient_scope',
      `The request requires higher privileges than provided by the ${kind === 'webhook' ? 'webhook' : 'access'} token`,
      403,
    ),
  methodNotFound: () => new B24Error('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404),
  queryLimit: () => new B24Error('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503),
  operationTimeLimit: () => new B24Error('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit', 429),
  internal: () => new B24Error('INTERNAL_SERVER_ERROR', 'Internal server error', 500),
  wrongAuthType: () => new B24Error('WRONG_AUTH_TYPE', 'Current authorization type is denied for this method', 401),
};

export interface TimeInfo {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at: number;
  operating: number;
}

export function timeInfo(
  nowMs: number,
  costSeconds: number,
  timeZone: string,
  operating: number,
  resetAt: number,
): TimeInfo {
  const start = nowMs / 1000;
  return {
    start,
    finish: start + costSeconds,
    duration: costSeconds,
    processing: costSeconds,
    date_start: formatPortalDate(nowMs, timeZone),
    date_finish: formatPortalDate(nowMs + costSeconds * 1000, timeZone),
    operating_reset_at: resetAt,
    operating,
  };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function errorResponse(error: B24Error): Response {
  return jsonResponse({ error: error.code, error_description: error.description }, error.status);
}
