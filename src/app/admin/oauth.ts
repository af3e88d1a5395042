/**
 * The OAuth 2.0 authorisation code → tokens step. Bitrix24 redirects the approving admin to the app's install
 * handler (or the admin pastes the code); the code is exchanged at oauth.bitrix.info with the client secret saved
 * on the Connection tab, and the tokens become the stored credentials.
 */
import { z } from 'zod';
import { B24_CREDENTIALS_KEY, B24_OAUTH_TOKEN_URL } from '../../ports/b24-credentials';
import type { HttpTransport } from '../../ports/http';
import type { AppDeps } from '../deps';
import { AdminError } from './admin-errors';
import { OAUTH_CLIENT_KEY, oauthClientSchema } from './connection';
import { storesOf } from '../store/stores';

const tokenReply = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number(),
  client_endpoint: z.string().regex(/^https:\/\/[^/]+\//),
  member_id: z.string().min(1),
  user_id: z.coerce.string().optional(),
});

export async function completeOAuthAuthorization(
  deps: AppDeps,
  transport: HttpTransport,
  code: string,
): Promise<{ domain: string }> {
  const store = storesOf(deps).connection;
  const [connection, client] = await Promise.all([
    store.get(),
    deps.secrets.get(OAUTH_CLIENT_KEY).then((v) => oauthClientSchema.safeParse(v)),
  ]);
  if (!connection || connection.authMode !== 'oauth' || !client.success)
    throw new AdminError('Save the portal address, client id and client secret first.', 'oauth.saveClientFirst');
  const query = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: client.data.clientId,
    client_secret: client.data.clientSecret,
    code,
  });
  let body: unknown;
  try {
    const reply = await transport(`${B24_OAUTH_TOKEN_URL}?${query.toString()}`, { method: 'GET' });
    body = JSON.parse(await reply.text()) as unknown;
  } catch {
    throw new AdminError(
      'The Bitrix24 authorisation server is unreachable: try again in a minute.',
      'oauth.unreachable',
    );
  }
  const parsed = tokenReply.safeParse(body);
  if (!parsed.success)
    throw new AdminError(
      'Bitrix24 refused the authorisation: the code expired (it is valid for 30 seconds) or the client secret is wrong.',
      'oauth.refused',
    );
  const tokens = parsed.data;
  const domain = new URL(tokens.client_endpoint).hostname;
  if (domain !== connection.domain)
    throw new AdminError(
      `The authorisation came from ${domain}, not from the connected portal ${connection.domain}.`,
      'oauth.otherPortal',
      { domain, portal: connection.domain },
    );
  await deps.secrets.set(B24_CREDENTIALS_KEY, {
    mode: 'oauth',
    clientEndpoint: tokens.client_endpoint,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: deps.clock.now() + tokens.expires_in * 1000,
    clientId: client.data.clientId,
    clientSecret: client.data.clientSecret,
    memberId: tokens.member_id,
  });
  // A new approval is the reinstall an uninstalled app was waiting for: sync resumes.
  const { uninstalledAt: _resumed, ...kept } = connection;
  await store.save({
    ...kept,
    memberId: tokens.member_id,
    connectedAt: deps.clock.now(),
    ...(tokens.user_id ? { actingUserId: tokens.user_id } : {}),
  });
  return { domain };
}
