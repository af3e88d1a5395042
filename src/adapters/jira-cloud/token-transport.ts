/**
 * Jira Cloud over REST with a person's (or a service account's) e-mail and API token, sent as HTTP Basic auth to
 * the site itself, as Atlassian documents for scripts and integrations that are not apps. The Jira client above
 * it is the same one Forge's `requestJira` feeds.
 */
import type { JiraTransport } from '../jira/request';
import { type FetchOptions, joinBase, sendOnce } from './fetch';
import { type SiteUrlOptions, validateJiraSiteUrl } from './site-url';
import { PermanentError } from '../../core/errors';

export interface JiraTokenTransportOptions extends FetchOptions, SiteUrlOptions {
  /** https://<site>.atlassian.net */
  siteUrl: string;
  email: string;
  apiToken: string;
}

export function createJiraTokenTransport(options: JiraTokenTransportOptions): JiraTransport {
  const base = validateJiraSiteUrl(options.siteUrl, options);
  const email = options.email.trim();
  if (!/^[^\s@:]+@[^\s@]+$/.test(email)) {
    throw new PermanentError('validation', 'The Jira account e-mail is not an e-mail address', {
      code: 'jira:token-email',
    });
  }
  if (options.apiToken.trim() === '')
    throw new PermanentError('validation', 'The Jira API token is empty', { code: 'jira:token-empty' });
  const authorization = `Basic ${Buffer.from(`${email}:${options.apiToken.trim()}`, 'utf8').toString('base64')}`;
  return async (path, init) =>
    sendOnce(joinBase(base, path), { ...init, headers: { ...init.headers, Authorization: authorization } }, options);
}
