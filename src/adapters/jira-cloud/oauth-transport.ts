/**
 * Jira Cloud as an OAuth 2.0 (3LO) app: every call goes through Atlassian's API gateway,
 * `https://api.atlassian.com/ex/jira/{cloudId}`, with a Bearer access token (the site's own address answers 401 to
 * such tokens). A 401 means the token was revoked or expired early: refresh once and send again.
 */
import { PermanentError } from '../../core/errors';
import type { JiraTransport } from '../jira/request';
import { type FetchOptions, joinBase, sendOnce } from './fetch';
import { createJiraOAuthTokens, type JiraOAuthTokenOptions } from './oauth-tokens';

export const ATLASSIAN_API_BASE = 'https://api.atlassian.com';

export interface JiraOAuthTransportOptions extends JiraOAuthTokenOptions, FetchOptions {
  /** The site's id from https://api.atlassian.com/oauth/token/accessible-resources, learned at setup. */
  cloudId: string;
  /** Tests and the sandbox point this at the emulator; production leaves it. */
  apiBase?: string;
}

const CLOUD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createJiraOAuthTransport(options: JiraOAuthTransportOptions): JiraTransport {
  if (!CLOUD_ID.test(options.cloudId)) {
    throw new PermanentError(
      'validation',
      `The Jira cloud id is not a UUID (${options.cloudId.slice(0, 40)}); take it from accessible-resources`,
      { code: 'jira:cloud-id' },
    );
  }
  const base = `${(options.apiBase ?? ATLASSIAN_API_BASE).replace(/\/+$/, '')}/ex/jira/${options.cloudId}`;
  const tokens = createJiraOAuthTokens(options);
  return async (path, init) => {
    const url = joinBase(base, path);
    const withToken = (accessToken: string) => ({
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${accessToken}` },
    });
    const used = await tokens.current();
    const reply = await sendOnce(url, withToken(used.accessToken), options);
    if (reply.status !== 401) return reply;
    await reply.text().catch(() => '');
    const next = await tokens.refreshAfterRejection(used);
    return sendOnce(url, withToken(next.accessToken), options);
  };
}
