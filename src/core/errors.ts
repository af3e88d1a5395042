/**
 * The one error hierarchy of the app. Adapters translate every remote failure into it exactly once, so use cases
 * and the queue consumer decide "retry later" versus "give up and journal" from `retryable` alone.
 */
export type RetryableReason = 'rate-limited' | 'server-error' | 'timeout' | 'network';

export type PermanentReason =
  | 'not-found'
  | 'forbidden'
  | 'invalid-request'
  | 'unauthorized'
  | 'payment-required'
  | 'conflict'
  | 'validation'
  | 'invalid-reply';

export type SyncErrorReason = RetryableReason | PermanentReason;

export interface SyncErrorOptions {
  /** A stable machine-readable code, e.g. `jira:429` or `b24:QUERY_LIMIT_EXCEEDED`. */
  code: string;
  cause?: unknown;
}

export abstract class SyncError extends Error {
  abstract readonly retryable: boolean;
  abstract readonly reason: SyncErrorReason;
  readonly code: string;

  protected constructor(message: string, options: SyncErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

export class RetryableError extends SyncError {
  readonly retryable = true;
  override readonly name = 'RetryableError';
  /** When the remote said how long to wait; absent means "use the queue's backoff". */
  readonly retryAfterMs?: number;

  constructor(
    readonly reason: RetryableReason,
    message: string,
    options: SyncErrorOptions & { retryAfterMs?: number },
  ) {
    super(message, options);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, Math.ceil(options.retryAfterMs));
  }
}

export class PermanentError extends SyncError {
  readonly retryable = false;
  override readonly name = 'PermanentError';

  constructor(
    readonly reason: PermanentReason,
    message: string,
    options: SyncErrorOptions,
  ) {
    super(message, options);
  }
}

export const isSyncError = (e: unknown): e is SyncError => e instanceof SyncError;

/** Unknown errors count as retryable: a bug in our code then surfaces as a dead letter after the retry budget, not a silent drop. */
export const isRetryable = (e: unknown): boolean => (e instanceof SyncError ? e.retryable : true);

export const isPermanent = (e: unknown, reason?: PermanentReason): e is PermanentError =>
  e instanceof PermanentError && (reason === undefined || e.reason === reason);

/**
 * A 400 whose body names the fields the remote refused (Jira's `errors` map: field id → reason). The use case may
 * write the rest without them; the reasons go to the journal.
 */
export class FieldsRefusedError extends PermanentError {
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>>,
    options: SyncErrorOptions,
  ) {
    super('invalid-request', message, options);
  }
}

/** What a caught value says, for a log line or a journal note: an Error's message, anything else as text. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
