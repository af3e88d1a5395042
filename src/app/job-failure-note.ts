/**
 * A job's failure as a journal sentence: the message code of the failure by the side it came from (`errors.b24.*`,
 * `errors.jira.*`, else `errors.jobFailed`), worded by the page in its reader's language, and the error's own text
 * as `detail` (English; shown by the English wording and kept in the entry's message for logs).
 */
import { isSyncError } from '../core/errors';
import { b24Failure, jiraFailure } from './admin/admin-errors';
import { note, type JournalNote } from './store/journal-notes';

/** `attempts`: how many tries a retryable failure had before the job gave up; null for a failure not worth retrying. */
export function failureNote(error: unknown, attempts: number | null, detail: string): JournalNote {
  const side = isSyncError(error) ? error.code.split(':')[0] : '';
  const failure =
    side === 'jira' ? jiraFailure(error) : side === 'b24' ? b24Failure(error) : { code: 'jobFailed', params: {} };
  const params = { ...failure.params, reason: failure.code, detail };
  return attempts === null
    ? note('failed', params, detail)
    : note('gaveUp', { ...params, attempts: String(attempts) }, `gave up after ${attempts} attempts: ${detail}`);
}
