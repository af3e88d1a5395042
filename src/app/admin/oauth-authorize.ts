/**
 * The first half of the OAuth 2.0 flow: the portal's authorize address for the saved local application, with a
 * one-time `state`, and reading the code back from what the admin pastes (the code alone or the whole address
 * Bitrix24 redirected to). The code is exchanged by completeOAuthAuthorization (oauth.ts).
 */
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { AdminError } from './admin-errors';
import { OAUTH_CLIENT_KEY, oauthClientSchema } from './connection';
import { storesOf } from '../store/stores';

const OAUTH_STATE_KEY = 'b24-oauth-state';
/** Approving takes a minute or two; an older state is refused so a leaked link cannot be replayed later. */
const STATE_TTL_SECONDS = 15 * 60;

const stateSchema = z.object({ state: z.string().min(1), at: z.number() });

export async function oauthAuthorizeUrl(deps: AppDeps): Promise<{ url: string }> {
  const [connection, client] = await Promise.all([
    storesOf(deps).connection.get(),
    deps.secrets.get(OAUTH_CLIENT_KEY).then((v) => oauthClientSchema.safeParse(v)),
  ]);
  if (!connection || connection.authMode !== 'oauth' || !client.success)
    throw new AdminError('Save the portal address, client id and client secret first.', 'oauth.saveClientFirst');
  const state = deps.newId();
  await deps.kv.set(OAUTH_STATE_KEY, { state, at: deps.clock.now() }, { ttlSeconds: STATE_TTL_SECONDS });
  const query = new URLSearchParams({ client_id: client.data.clientId, state });
  return { url: `https://${connection.domain}/oauth/authorize/?${query.toString()}` };
}

/**
 * The authorisation code from a pasted code or redirect address. A pasted address must carry the state this app
 * issued, so a code obtained through someone else's link is refused.
 */
export async function authorizationCodeFrom(deps: AppDeps, pasted: string): Promise<string> {
  const text = pasted.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  let params: URLSearchParams;
  try {
    params = new URL(text).searchParams;
  } catch {
    throw new AdminError(
      'The pasted address is not a web address; paste the code or the whole address Bitrix24 opened.',
      'oauth.notAddress',
    );
  }
  const code = params.get('code');
  if (!code)
    throw new AdminError(
      'The pasted address has no code=… part; approve the app again and paste the new address.',
      'oauth.noCode',
    );
  const state = params.get('state');
  if (state !== null) {
    const issued = stateSchema.safeParse(await deps.kv.get(OAUTH_STATE_KEY));
    if (
      !issued.success ||
      issued.data.state !== state ||
      deps.clock.now() - issued.data.at > STATE_TTL_SECONDS * 1000
    ) {
      throw new AdminError(
        'This authorisation did not start from this page (or started too long ago); use "Approve the app in Bitrix24" again.',
        'oauth.staleState',
      );
    }
  }
  return code;
}
