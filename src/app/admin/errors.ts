/**
 * Failures the admin page and the issue panel show to people. A use case throws AdminError with a sentence; the
 * resolver layer turns it into `{ error }`. Remote failures are put into words here, once, so the connection test,
 * the mapping tab and the panel describe the same failure the same way.
 */
import { isSyncError } from '../../core/errors';

export class AdminError extends Error {
  override readonly name = 'AdminError';
}

/** Why a call to Bitrix24 failed, for a person who can fix it. */
export function describeB24Failure(error: unknown): string {
  if (!isSyncError(error)) return 'Bitrix24 could not be reached: an unexpected error occurred.';
  switch (error.reason) {
    case 'network':
    case 'timeout':
      return 'The portal is unreachable: check the address and that the portal is online.';
    case 'unauthorized':
      return error.code === 'b24:not-connected'
        ? 'No Bitrix24 portal is connected yet.'
        : 'Bitrix24 refused the credentials: the webhook secret or the OAuth client secret is wrong, or the access was revoked.';
    case 'payment-required':
      return "The portal's plan does not allow REST access (payment required): renew or upgrade the Bitrix24 plan.";
    case 'forbidden':
      return error.code === 'b24:insufficient_scope'
        ? 'The webhook or application lacks a permission (scope) the app needs.'
        : 'Bitrix24 denied access: on an unpaid or free plan REST access may be blocked, or the user lacks rights.';
    case 'rate-limited':
      return 'Bitrix24 is limiting requests right now: try again in a minute.';
    case 'server-error':
      return 'Bitrix24 answered with a server error: try again later.';
    case 'not-found':
      return 'Bitrix24 does not know this address or method: check the portal address.';
    default:
      return `Bitrix24 rejected the request (${error.code}).`;
  }
}

/** Why a call to Jira failed, in words. */
export function describeJiraFailure(error: unknown): string {
  if (!isSyncError(error)) return 'Jira could not be reached: an unexpected error occurred.';
  switch (error.reason) {
    case 'not-found':
      return 'Jira does not know this project or issue, or you may not see it.';
    case 'forbidden':
    case 'unauthorized':
      return 'Jira refused the request: the app lacks permission for it.';
    case 'rate-limited':
      return 'Jira is limiting requests right now: try again in a minute.';
    default:
      return `Jira rejected the request (${error.code}).`;
  }
}
