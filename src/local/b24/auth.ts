/**
 * Who is calling: an incoming webhook (`/rest/<userId>/<secret>/<method>`) or an OAuth access token
 * (`/rest/<method>?auth=…`), with the system errors the docs list for each failure.
 */
import type { Principal } from './context';
import { type B24Error, SystemErrors } from './envelope';
import { ALL_SCOPES, type OAuthServer } from './oauth';
import type { B24State } from './state';

export interface Route {
  version: 'v2' | 'v3';
  method: string;
  webhook?: { userId: string; secret: string };
}

/** Splits a REST path; undefined when the path is not a REST call at all. */
export function parseRestPath(pathname: string): Route | undefined {
  const m = /^\/rest\/(api\/)?(.*)$/.exec(pathname);
  if (!m) return undefined;
  const parts = (m[2] ?? '').split('/').filter((p) => p !== '');
  const version = m[1] ? 'v3' : 'v2';
  const clean = (name: string): string => name.replace(/\.(json|xml)$/i, '').toLowerCase();
  if (parts.length === 1) return { version, method: clean(parts[0] ?? '') };
  if (parts.length === 3)
    return { version, method: clean(parts[2] ?? ''), webhook: { userId: parts[0] ?? '', secret: parts[1] ?? '' } };
  return undefined;
}

export function authenticate(
  state: B24State,
  oauth: OAuthServer,
  route: Route,
  token: string | undefined,
  now: number,
): Principal | B24Error {
  if (route.webhook) {
    const user = state.user(route.webhook.userId);
    if (!user || user.webhookSecret !== route.webhook.secret) return SystemErrors.invalidCredentials();
    return {
      userId: Number(user.id),
      kind: 'webhook',
      scopes: state.webhookScopes.get(user.id) ?? [...ALL_SCOPES],
      key: `webhook:${user.id}`,
    };
  }
  if (token === undefined || token === '') return SystemErrors.noAuth();
  const access = oauth.lookup(token);
  if (!access) return SystemErrors.invalidToken();
  if (access.expiresAt <= now) return SystemErrors.expiredToken();
  return { userId: Number(access.userId), kind: 'app', scopes: [...ALL_SCOPES], key: 'app' };
}
