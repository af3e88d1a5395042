/**
 * Bitrix24 authentication from the SecretStore: an incoming-webhook URL, or OAuth 2.0 tokens refreshed at
 * oauth.bitrix.info. Refresh tokens rotate on every refresh, so losing the new one disconnects the portal:
 * refreshes inside one invocation share one request, and a refresh that loses a race with another invocation
 * adopts the tokens that invocation stored instead of failing.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { HttpTransport } from '../../ports/http';
import {
  B24_CREDENTIALS_KEY,
  B24_OAUTH_TOKEN_URL,
  type B24Credentials,
  type B24OAuthCredentials,
  b24CredentialsSchema,
} from '../../ports/b24-credentials';
import type { SecretStore } from '../../ports/store';
import { networkError, parseJsonText, parseReply } from '../reply';
import { translateB24Failure } from './errors';

export interface B24Endpoint {
  /** Base URL for REST v2 methods (…/rest/ or …/rest/<id>/<secret>/). */
  v2: string;
  /** Base URL for REST 3.0 methods (…/rest/api/…). */
  v3: string;
  /** OAuth only: sent as `auth` with each call. */
  accessToken?: string;
}

export interface B24Auth {
  endpoint(): Promise<B24Endpoint>;
  /** Called after `expired_token` with the endpoint that failed; resolves to a working one or throws unauthorized. */
  refreshAfterExpiry(expired: B24Endpoint): Promise<B24Endpoint>;
}

export interface B24AuthOptions {
  secrets: SecretStore;
  /** Plain fetch (Forge `fetch` from @forge/api): the OAuth host is not the portal. */
  transport: HttpTransport;
  clock: Clock;
  key?: string;
  tokenUrl?: string;
  /** Told after each token refresh, so a refresh that keeps failing can be shown as health; never throws back. */
  onRefreshOutcome?: (outcome: { ok: true } | { ok: false; error: unknown }) => Promise<void>;
}

const tokenReplySchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  expires: z.number().optional(),
  client_endpoint: z.string().optional(),
  member_id: z.string().optional(),
});

const errorReplySchema = z.object({ error: z.string(), error_description: z.string().default('') });

/** Where REST v2 and REST 3.0 calls go for webhook credentials: /rest/<id>/<secret>/ and /rest/api/<id>/<secret>/. */
const webhookBases = (webhookUrl: string): { v2: string; v3: string } => {
  const v2 = webhookUrl.endsWith('/') ? webhookUrl : `${webhookUrl}/`;
  return { v2, v3: v2.replace(/\/rest\/(\d+\/)/, '/rest/api/$1') };
};

const fromCredentials = (c: B24Credentials): B24Endpoint =>
  c.mode === 'webhook'
    ? webhookBases(c.webhookUrl)
    : { v2: c.clientEndpoint, v3: `${c.clientEndpoint.replace(/\/?$/, '/')}api/`, accessToken: c.accessToken };

export const createB24Auth = (options: B24AuthOptions): B24Auth => {
  const { secrets, transport, clock } = options;
  const key = options.key ?? B24_CREDENTIALS_KEY;
  const tokenUrl = options.tokenUrl ?? B24_OAUTH_TOKEN_URL;
  let inFlight: Promise<B24Endpoint> | null = null;
  // One secret read per client instance (an invocation), not one per REST call.
  let cached: B24Credentials | null = null;
  const remember = (c: B24Credentials): B24Endpoint => {
    cached = c;
    return fromCredentials(c);
  };

  const load = async (): Promise<B24Credentials> => {
    const stored = await secrets.get(key);
    if (stored === undefined)
      throw new PermanentError('unauthorized', 'Bitrix24 is not connected (no credentials stored)', {
        code: 'b24:not-connected',
      });
    return parseReply(b24CredentialsSchema, stored, 'Stored Bitrix24 credentials', 'b24:credentials');
  };

  const requestTokens = async (c: B24OAuthCredentials): Promise<z.infer<typeof tokenReplySchema>> => {
    const query = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      refresh_token: c.refreshToken,
    });
    let reply;
    try {
      reply = await transport(`${tokenUrl}?${query.toString()}`, {
        method: 'GET',
        headers: { Accept: 'application/json' },
      });
    } catch (cause) {
      throw networkError('Bitrix24 token refresh', 'b24:oauth-network', cause);
    }
    const data = parseJsonText(await reply.text(), 'Bitrix24 token refresh', `b24:oauth-${reply.status}`);
    const failure = errorReplySchema.safeParse(data);
    if (failure.success || reply.status >= 400) {
      const body = failure.success ? { error: failure.data.error, description: failure.data.error_description } : null;
      throw translateB24Failure('Bitrix24 token refresh', reply.status, body, clock.now());
    }
    return parseReply(tokenReplySchema, data, 'Bitrix24 token refresh', `b24:oauth-${reply.status}`);
  };

  const report = async (outcome: { ok: true } | { ok: false; error: unknown }): Promise<void> => {
    await options.onRefreshOutcome?.(outcome).catch(() => undefined);
  };

  const refresh = async (expired: B24Endpoint): Promise<B24Endpoint> => {
    const current = await load();
    if (current.mode === 'webhook') {
      throw new PermanentError('unauthorized', 'Bitrix24 webhook credentials were refused', {
        code: 'b24:expired_token',
      });
    }
    // Another invocation refreshed since we read the token: use its result instead of rotating again.
    if (current.accessToken !== expired.accessToken && current.expiresAt > clock.now()) return remember(current);
    let tokens;
    try {
      tokens = await requestTokens(current);
    } catch (e) {
      const latest = await load();
      const rotatedElsewhere = latest.mode === 'oauth' && latest.refreshToken !== current.refreshToken;
      if (rotatedElsewhere && e instanceof PermanentError) return remember(latest);
      await report({ ok: false, error: e });
      throw e;
    }
    const next: B24OAuthCredentials = {
      ...current,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: tokens.expires === undefined ? clock.now() + tokens.expires_in * 1000 : tokens.expires * 1000,
      ...(tokens.client_endpoint === undefined ? {} : { clientEndpoint: tokens.client_endpoint }),
    };
    await secrets.set(key, next);
    await report({ ok: true });
    return remember(next);
  };

  const refreshAfterExpiry = (expired: B24Endpoint): Promise<B24Endpoint> => {
    inFlight ??= refresh(expired).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    async endpoint() {
      if (inFlight !== null) return inFlight;
      const c = cached ?? (await load());
      const endpoint = remember(c);
      return c.mode === 'oauth' && c.expiresAt <= clock.now() ? refreshAfterExpiry(endpoint) : endpoint;
    },
    refreshAfterExpiry,
  };
};
