/**
 * Failures the admin page and the issue panel show to people. A use case throws AdminError with a sentence and the
 * message code the page words it by (`errors.<code>` in src/frontend/i18n, parameters filled in); the resolver layer
 * turns it into `{ error, code, params }`. Remote failures are put into words here, once, so the connection test,
 * the mapping tab and the panel describe the same failure the same way.
 */
import { isSyncError } from '../../core/errors';

/** An English sentence for logs and older pages, and the code with parameters a page words in its reader's language. */
export interface Worded {
  message: string;
  code: string;
  params: Record<string, string>;
}

export const worded = (message: string, code: string, params: Record<string, string> = {}): Worded => ({
  message,
  code,
  params,
});

export class AdminError extends Error {
  override readonly name = 'AdminError';

  constructor(
    message: string,
    readonly code?: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }

  static of(sentence: Worded): AdminError {
    return new AdminError(sentence.message, sentence.code, sentence.params);
  }
}

/** Why a call to Bitrix24 failed, for a person who can fix it. */
export function b24Failure(error: unknown): Worded {
  if (!isSyncError(error))
    return worded('Bitrix24 could not be reached: an unexpected error occurred.', 'b24.unexpected');
  switch (error.reason) {
    case 'network':
    case 'timeout':
      return worded(
        'The portal is unreachable: check the address and that the portal is online.',
        `b24.${error.reason}`,
      );
    case 'unauthorized':
      return error.code === 'b24:not-connected'
        ? worded('No Bitrix24 portal is connected yet.', 'b24.notConnected')
        : worded(
            'Bitrix24 refused the credentials: the webhook secret or the OAuth client secret is wrong, or the access was revoked.',
            'b24.unauthorized',
          );
    case 'payment-required':
      return worded(
        "The portal's plan does not allow REST access (payment required): renew or upgrade the Bitrix24 plan.",
        'b24.payment-required',
      );
    case 'forbidden':
      return error.code === 'b24:insufficient_scope'
        ? worded('The webhook or application lacks a permission (scope) the app needs.', 'b24.scope')
        : worded(
            'Bitrix24 denied access: on an unpaid or free plan REST access may be blocked, or the user lacks rights.',
            'b24.forbidden',
          );
    case 'rate-limited':
      return worded('Bitrix24 is limiting requests right now: try again in a minute.', 'b24.rate-limited');
    case 'server-error':
      return worded('Bitrix24 answered with a server error: try again later.', 'b24.server-error');
    case 'not-found':
      return worded('Bitrix24 does not know this address or method: check the portal address.', 'b24.not-found');
    default:
      return worded(`Bitrix24 rejected the request (${error.code}).`, 'b24.rejected', { code: error.code });
  }
}

/** Why a call to Jira failed, in words. */
export function jiraFailure(error: unknown): Worded {
  if (!isSyncError(error)) return worded('Jira could not be reached: an unexpected error occurred.', 'jira.unexpected');
  switch (error.reason) {
    case 'not-found':
      return worded('Jira does not know this project or issue, or you may not see it.', 'jira.not-found');
    case 'forbidden':
    case 'unauthorized':
      return worded('Jira refused the request: the app lacks permission for it.', 'jira.forbidden');
    case 'rate-limited':
      return worded('Jira is limiting requests right now: try again in a minute.', 'jira.rate-limited');
    default:
      return worded(`Jira rejected the request (${error.code}).`, 'jira.rejected', { code: error.code });
  }
}

export const describeB24Failure = (error: unknown): string => b24Failure(error).message;

/**
 * "<what was not saved>: <why>": `code` words the first part, `{reason:errors}` in its wording the remote failure
 * (its own parameters carried along).
 */
export function notSavedBecause(notSaved: string, code: string, failure: Worded): AdminError {
  return new AdminError(`${notSaved}: ${failure.message}`, code, { ...failure.params, reason: failure.code });
}
