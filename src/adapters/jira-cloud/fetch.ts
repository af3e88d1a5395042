/**
 * The one way the self-hosted service talks HTTP to Atlassian: WHATWG `fetch` with a deadline, redirects refused
 * (a 3xx from Jira means the site moved or the address is wrong, and following it would send our Authorization
 * header to wherever it points), and a hook that counts every outcome for the service's metrics.
 */
import { PermanentError, RetryableError } from '../../core/errors';
import type { HttpReply, HttpRequestInit } from '../../ports/http';

/** The subset of `fetch` we call; tests pass a fake, production the global one. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** An HTTP status, or what happened instead of one. */
export type CallOutcome = number | 'timeout' | 'network' | 'redirect';

export interface FetchOptions {
  fetch?: FetchLike;
  /** Per request, connect to last byte; Forge gives a function 25 s in all, so one call gets 20 s by default. */
  timeoutMs?: number;
  /** Told about each call's outcome (429s included) so the metrics can count calls per side; must not throw. */
  onCall?: (outcome: CallOutcome) => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

const safeCount = (onCall: FetchOptions['onCall'], outcome: CallOutcome): void => {
  try {
    onCall?.(outcome);
  } catch {
    // Metrics never break a sync call.
  }
};

// AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm: read the name alone.
const isTimeout = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  ['TimeoutError', 'AbortError'].includes(String((e as { name?: unknown }).name));

/** Sends one request; throws on network failure or timeout (the requester types those as retryable). */
export async function sendOnce(url: string, init: HttpRequestInit, options: FetchOptions): Promise<HttpReply> {
  const doFetch = options.fetch ?? ((u, i) => fetch(u, i));
  let response: Response;
  try {
    response = await doFetch(url, {
      method: init.method,
      ...(init.headers === undefined ? {} : { headers: init.headers }),
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (e) {
    const timedOut = isTimeout(e);
    safeCount(options.onCall, timedOut ? 'timeout' : 'network');
    if (timedOut) {
      throw new RetryableError(
        'timeout',
        `${init.method} ${new URL(url).pathname}: no reply within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        { code: 'jira:timeout', cause: e },
      );
    }
    throw e;
  }
  if (response.status >= 300 && response.status < 400) {
    safeCount(options.onCall, 'redirect');
    await response.body?.cancel().catch(() => undefined);
    const target = response.headers.get('location') ?? 'no Location header';
    throw new PermanentError(
      'invalid-request',
      `Jira answered ${init.method} ${new URL(url).pathname} with a redirect (${response.status} to ${target}): check the configured site address`,
      {
        code: `jira:${response.status}`,
      },
    );
  }
  safeCount(options.onCall, response.status);
  return response;
}

/** Joins a base (no trailing slash) and a path that starts with `/`, refusing anything that could leave the base. */
export function joinBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || /^\/[^/]*:/.test(path)) {
    throw new PermanentError(
      'invalid-request',
      `Refusing a Jira path that is not relative to the site: ${path.slice(0, 80)}`,
      { code: 'jira:bad-path' },
    );
  }
  return `${base}${path}`;
}

/** Counts calls and 429s for one side; the `http` composition root reads `snapshot()` for /metrics. */
export function createCallCounter(): {
  onCall: (outcome: CallOutcome) => void;
  snapshot(): { calls: number; rateLimited: number; failures: number };
} {
  let calls = 0;
  let rateLimited = 0;
  let failures = 0;
  return {
    onCall(outcome) {
      calls += 1;
      if (outcome === 429) rateLimited += 1;
      if (typeof outcome !== 'number' || outcome >= 500) failures += 1;
    },
    snapshot: () => ({ calls, rateLimited, failures }),
  };
}
