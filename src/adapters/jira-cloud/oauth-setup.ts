/**
 * The two calls the admin page's "Connect Jira (OAuth)" step makes once: the authorization code for the first
 * token pair (stored where the transport reads it), and the sites that pair can reach (each site's `id` is the
 * cloud id the transport needs).
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { SecretStore } from '../../ports/store';
import { networkError, parseJsonText, parseReply } from '../reply';
import { type FetchOptions, sendOnce } from './fetch';
import { ATLASSIAN_TOKEN_URL, JIRA_OAUTH_TOKENS_KEY, type JiraOAuthTokens } from './oauth-tokens';

export const ACCESSIBLE_RESOURCES_URL = 'https://api.atlassian.com/oauth/token/accessible-resources';

const resourceSchema = z.array(
  z.object({ id: z.string().min(1), url: z.string(), name: z.string(), scopes: z.array(z.string()).default([]) }),
);
export type AccessibleResource = z.infer<typeof resourceSchema>[number];

const tokenReplySchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
});

async function call(
  what: string,
  url: string,
  init: Parameters<typeof sendOnce>[1],
  options: FetchOptions,
): Promise<unknown> {
  let reply;
  try {
    reply = await sendOnce(url, init, options);
  } catch (cause) {
    if (cause instanceof PermanentError) throw cause;
    throw networkError(what, 'jira:oauth-network', cause);
  }
  const data = parseJsonText(await reply.text(), what, `jira:oauth-${reply.status}`);
  if (reply.status >= 400) {
    const error = z.object({ error: z.string() }).safeParse(data);
    throw new PermanentError(
      'unauthorized',
      `${what} was refused (HTTP ${reply.status}${error.success ? `, ${error.data.error}` : ''})`,
      {
        code: `jira:oauth-${error.success ? error.data.error : reply.status}`,
      },
    );
  }
  return data;
}

export interface CodeExchangeOptions extends FetchOptions {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  secrets: SecretStore;
  clock: Clock;
  key?: string;
  tokenUrl?: string;
}

/** Exchanges the code and stores the pair; the caller then lists the sites and keeps the chosen cloud id. */
export async function exchangeJiraAuthorizationCode(options: CodeExchangeOptions): Promise<JiraOAuthTokens> {
  const body = JSON.stringify({
    grant_type: 'authorization_code',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    code: options.code,
    redirect_uri: options.redirectUri,
  });
  const data = await call(
    'Jira OAuth code exchange',
    options.tokenUrl ?? ATLASSIAN_TOKEN_URL,
    { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body },
    options,
  );
  const reply = parseReply(tokenReplySchema, data, 'Jira OAuth code exchange', 'jira:oauth-200');
  const tokens = {
    accessToken: reply.access_token,
    refreshToken: reply.refresh_token,
    expiresAt: options.clock.now() + reply.expires_in * 1000,
  };
  await options.secrets.set(options.key ?? JIRA_OAUTH_TOKENS_KEY, tokens);
  return tokens;
}

export async function listAccessibleResources(
  accessToken: string,
  options: FetchOptions & { url?: string } = {},
): Promise<AccessibleResource[]> {
  const data = await call(
    'Jira accessible-resources',
    options.url ?? ACCESSIBLE_RESOURCES_URL,
    { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` } },
    options,
  );
  return parseReply(resourceSchema, data, 'Jira accessible-resources', 'jira:oauth-200');
}
