/**
 * OAuth 2.0 (3LO) tokens for Jira Cloud, kept in the SecretStore. Atlassian's refresh tokens rotate: every refresh
 * returns a new refresh token and retires the old one, so the new pair is written in one `set` (never the access
 * token alone) before it is used, refreshes in one process share one request, and a refresh that loses a race
 * with another instance adopts the pair that instance stored instead of reporting the grant as gone.
 */
import { z } from 'zod';
import { PermanentError, RetryableError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { SecretStore } from '../../ports/store';
import { networkError, parseJsonText, parseReply } from '../reply';
import { retryAfterMsFromHeaders } from '../jira/errors';
import { type FetchOptions, sendOnce } from './fetch';

export const ATLASSIAN_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';
export const JIRA_OAUTH_TOKENS_KEY = 'jira-oauth-tokens';
/** Refresh this long before the access token expires (Atlassian's last for an hour), so no call races its expiry. */
const EXPIRY_MARGIN_MS = 60_000;

const storedSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
});
export type JiraOAuthTokens = z.infer<typeof storedSchema>;

const tokenReplySchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
});
const errorReplySchema = z.object({ error: z.string(), error_description: z.string().optional() });

export type RefreshOutcome = { ok: true } | { ok: false; error: unknown };

export interface JiraOAuthTokenOptions extends FetchOptions {
  clientId: string;
  clientSecret: string;
  secrets: SecretStore;
  clock: Clock;
  key?: string;
  tokenUrl?: string;
  /** Wired to the app's OAuth-refresh health (src/app/health/oauth-refresh.ts), as for Bitrix24; never throws back. */
  onRefreshOutcome?: (outcome: RefreshOutcome) => Promise<void>;
}

export interface JiraOAuthTokenSource {
  /** A token that is not about to expire, refreshing first when it is. */
  current(): Promise<JiraOAuthTokens>;
  /** After a 401 with `used`: a different, working token, or a typed error. */
  refreshAfterRejection(used: JiraOAuthTokens): Promise<JiraOAuthTokens>;
}

/** One refresh at Atlassian's token endpoint; failures typed: 429/5xx retryable, a refused grant permanent. */
async function requestTokens(
  options: JiraOAuthTokenOptions,
  refreshToken: string,
): Promise<z.infer<typeof tokenReplySchema>> {
  const body = JSON.stringify({
    grant_type: 'refresh_token',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    refresh_token: refreshToken,
  });
  let reply;
  try {
    reply = await sendOnce(
      options.tokenUrl ?? ATLASSIAN_TOKEN_URL,
      { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body },
      options,
    );
  } catch (cause) {
    if (cause instanceof PermanentError) throw cause;
    throw networkError('Jira OAuth token refresh', 'jira:oauth-network', cause);
  }
  const text = await reply.text();
  if (reply.status === 429 || reply.status >= 500) {
    throw new RetryableError(
      reply.status === 429 ? 'rate-limited' : 'server-error',
      `Jira OAuth token refresh failed with HTTP ${reply.status}`,
      {
        code: `jira:oauth-${reply.status}`,
        retryAfterMs: retryAfterMsFromHeaders(reply.headers, options.clock.now()),
      },
    );
  }
  const data = parseJsonText(text, 'Jira OAuth token refresh', `jira:oauth-${reply.status}`);
  if (reply.status >= 400) {
    const failure = errorReplySchema.safeParse(data);
    const error = failure.success ? failure.data.error : `http-${reply.status}`;
    const detail =
      failure.success && failure.data.error_description !== undefined ? `: ${failure.data.error_description}` : '';
    throw new PermanentError(
      'unauthorized',
      `Jira OAuth token refresh was refused (${error}${detail}); connect Jira again from the admin page`,
      {
        code: `jira:oauth-${error}`,
      },
    );
  }
  return parseReply(tokenReplySchema, data, 'Jira OAuth token refresh', `jira:oauth-${reply.status}`);
}

export function createJiraOAuthTokens(options: JiraOAuthTokenOptions): JiraOAuthTokenSource {
  const { secrets, clock } = options;
  const key = options.key ?? JIRA_OAUTH_TOKENS_KEY;
  let inFlight: Promise<JiraOAuthTokens> | null = null;

  const load = async (): Promise<JiraOAuthTokens> => {
    const stored = await secrets.get(key);
    if (stored === undefined)
      throw new PermanentError('unauthorized', 'Jira is not connected (no OAuth tokens stored)', {
        code: 'jira:not-connected',
      });
    return parseReply(storedSchema, stored, 'Stored Jira OAuth tokens', 'jira:oauth-tokens');
  };

  const report = async (outcome: RefreshOutcome): Promise<void> => {
    await options.onRefreshOutcome?.(outcome).catch(() => undefined);
  };

  const refresh = async (used: JiraOAuthTokens | null): Promise<JiraOAuthTokens> => {
    const stored = await load();
    const fresh = stored.expiresAt - EXPIRY_MARGIN_MS > clock.now();
    // Another instance (or an earlier call) rotated since `used` was read: its pair is the one to use.
    if (used !== null && stored.accessToken !== used.accessToken && fresh) return stored;
    let reply;
    try {
      reply = await requestTokens(options, stored.refreshToken);
    } catch (e) {
      const latest = await load().catch(() => stored);
      if (e instanceof PermanentError && latest.refreshToken !== stored.refreshToken) return latest;
      await report({ ok: false, error: e });
      throw e;
    }
    const next: JiraOAuthTokens = {
      accessToken: reply.access_token,
      refreshToken: reply.refresh_token,
      expiresAt: clock.now() + reply.expires_in * 1000,
    };
    await secrets.set(key, next);
    await report({ ok: true });
    return next;
  };

  const shared = (used: JiraOAuthTokens | null): Promise<JiraOAuthTokens> => {
    inFlight ??= refresh(used).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    async current() {
      if (inFlight !== null) return inFlight;
      const tokens = await load();
      return tokens.expiresAt - EXPIRY_MARGIN_MS > clock.now() ? tokens : shared(tokens);
    },
    refreshAfterRejection: (used) => shared(used),
  };
}
