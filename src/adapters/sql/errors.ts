/**
 * Database failures typed once, like every remote failure of the app: a lost connection, a deadlock or a server
 * shutting down is worth retrying; anything else (a constraint, a bad statement) will fail the same way again.
 */
import { PermanentError, RetryableError } from '../../core/errors';

/** SQLSTATE classes that describe the server or the connection, not the statement (PostgreSQL appendix A). */
const RETRYABLE_CLASSES = ['08', '40', '53', '55', '57', '58'];

const sqlStateOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)
    ? e.code
    : undefined;

export const translateSqlError = (what: string, e: unknown): Error => {
  if (e instanceof PermanentError || e instanceof RetryableError) return e;
  const state = sqlStateOf(e);
  const message = `Database ${what} failed: ${e instanceof Error ? e.message : String(e)}`;
  const code = `sql:${state ?? 'error'}`;
  // No SQLSTATE means the driver never got an answer (refused, reset, timed out): the network, not the query.
  if (state === undefined) return new RetryableError('network', message, { code, cause: e });
  if (RETRYABLE_CLASSES.includes(state.slice(0, 2)))
    return new RetryableError('server-error', message, { code, cause: e });
  return new PermanentError('invalid-request', message, { code, cause: e });
};

export const sqlGuarded = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (e) {
    throw translateSqlError(what, e);
  }
};
