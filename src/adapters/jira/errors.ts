/**
 * Jira HTTP failures → the app's error hierarchy, in one place. Jira 4xx bodies are ErrorCollections
 * (`{errorMessages: string[], errors: {field: message}}`); their text is kept in the message because it names the
 * field a transition screen or create screen rejected.
 */
import { z } from 'zod';
import { FieldsRefusedError, PermanentError, RetryableError, type SyncError } from '../../core/errors';

const errorCollection = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

/** The `errors` map of a Jira ErrorCollection (field id → reason), empty when the body has none. */
const jiraFieldErrors = (text: string): Record<string, string> => {
  try {
    const parsed = errorCollection.safeParse(JSON.parse(text) as unknown);
    return parsed.success ? { ...(parsed.data.errors ?? {}) } : {};
  } catch {
    return {};
  }
};

const describeJiraErrorBody = (text: string): string => {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    return text.trim().slice(0, 200);
  }
  const parsed = errorCollection.safeParse(data);
  if (!parsed.success) return text.trim().slice(0, 200);
  const fieldErrors = Object.entries(parsed.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`);
  return [...(parsed.data.errorMessages ?? []), ...fieldErrors].join('; ');
};

/** `Retry-After` is seconds (or an HTTP date); `X-RateLimit-Reset` an ISO timestamp such as 2026-03-02T10:15Z. */
export const retryAfterMsFromHeaders = (
  headers: { get(name: string): string | null },
  nowMs: number,
): number | undefined => {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
};

export const translateJiraFailure = (
  what: string,
  status: number,
  headers: { get(name: string): string | null },
  bodyText: string,
  nowMs: number,
): SyncError => {
  const code = `jira:${status}`;
  const detail = describeJiraErrorBody(bodyText);
  const message = `${what} failed with HTTP ${status}${detail === '' ? '' : `: ${detail}`}`;
  if (status === 429 || status >= 500) {
    return new RetryableError(status === 429 ? 'rate-limited' : 'server-error', message, {
      code,
      retryAfterMs: retryAfterMsFromHeaders(headers, nowMs),
    });
  }
  switch (status) {
    case 401:
      return new PermanentError('unauthorized', message, { code });
    case 403:
      return new PermanentError('forbidden', message, { code });
    case 404:
      return new PermanentError('not-found', message, { code });
    case 409:
      return new PermanentError('conflict', message, { code });
    default: {
      const fieldErrors = status === 400 ? jiraFieldErrors(bodyText) : {};
      if (Object.keys(fieldErrors).length > 0) return new FieldsRefusedError(message, fieldErrors, { code });
      return new PermanentError('invalid-request', message, { code });
    }
  }
};
