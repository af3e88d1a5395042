/**
 * Jira Data Center over HTTP with a personal access token ("Using Personal Access Tokens": `Authorization: Bearer
 * <token>`), through the service's one fetch path: deadline, no redirects, call counting.
 */
import { PermanentError } from '../../core/errors';
import { type FetchOptions, joinBase, sendOnce } from '../jira-cloud/fetch';
import type { JiraTransport } from '../jira/request';

export interface JiraDcTransportOptions extends FetchOptions {
  baseUrl: string;
  pat: string;
}

/** An http(s) base URL without a trailing slash; a context path (`/jira`) is kept. */
export function validateDcBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (cause) {
    throw new PermanentError('validation', `The Jira Data Center base URL "${input}" is not a URL`, {
      code: 'jira:dc-base-url',
      cause,
    });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '')
    throw new PermanentError('validation', `The Jira Data Center base URL "${input}" must be http(s) with no query`, {
      code: 'jira:dc-base-url',
    });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createJiraDcTransport(options: JiraDcTransportOptions): JiraTransport {
  const base = validateDcBaseUrl(options.baseUrl);
  const pat = options.pat.trim();
  if (pat === '')
    throw new PermanentError('validation', 'The Jira Data Center personal access token is empty', {
      code: 'jira:dc-pat-empty',
    });
  const authorization = `Bearer ${pat}`;
  return async (path, init) =>
    sendOnce(joinBase(base, path), { ...init, headers: { ...init.headers, Authorization: authorization } }, options);
}
