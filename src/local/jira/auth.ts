/**
 * Who is calling. The local runtime passes a trusted `Caller`; over HTTP a person sends Basic auth with a seeded
 * user's e-mail and an API token (one the site issued, when it issued any: see credentials.ts), as Jira Cloud's
 * basic auth with API tokens works, and an OAuth 2.0 app sends `Bearer <access token>`.
 */
import type { Caller, JiraSeed } from '../contracts';
import type { JiraCredentials } from './credentials';
import { JiraHttpError } from './errors';

export interface Actor {
  accountId: string;
  /** The app's own account (asApp): its writes are flagged selfGenerated in events. */
  isApp: boolean;
  /** Rate-limit bucket key. */
  bucket: string;
  /** An OAuth 2.0 app acting for a person: only such callers (and Connect apps) may manage dynamic webhooks. */
  oauth?: { clientSecret: string };
}

const unauthenticated = (): JiraHttpError =>
  new JiraHttpError(
    401,
    ['You are not authenticated. Authentication required to perform this operation.'],
    {},
    {
      'WWW-Authenticate': 'Basic realm="protected-area"',
    },
  );

function bearerActor(seed: JiraSeed, credentials: JiraCredentials, token: string): Actor {
  const grant = credentials.oauthGrant(token);
  if (grant === undefined || !seed.users.some((u) => u.accountId === grant.accountId)) throw unauthenticated();
  return {
    accountId: grant.accountId,
    isApp: false,
    bucket: `oauth:${grant.accountId}`,
    oauth: { clientSecret: grant.clientSecret },
  };
}

export function resolveActor(seed: JiraSeed, credentials: JiraCredentials, request: Request, caller?: Caller): Actor {
  if (caller?.kind === 'app') return { accountId: seed.appAccountId, isApp: true, bucket: 'app' };
  if (caller?.kind === 'user') {
    if (!seed.users.some((u) => u.accountId === caller.accountId)) throw unauthenticated();
    return { accountId: caller.accountId, isApp: false, bucket: `user:${caller.accountId}` };
  }
  const header = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (bearer?.[1] !== undefined) return bearerActor(seed, credentials, bearer[1]);
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (match?.[1] === undefined) throw unauthenticated();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const email = decoded.slice(0, colon).toLowerCase();
  const token = decoded.slice(colon + 1);
  const user = seed.users.find((u) => u.email.toLowerCase() === email);
  if (colon < 0 || token === '' || user === undefined || !credentials.acceptsApiToken(email, token))
    throw unauthenticated();
  return { accountId: user.accountId, isApp: false, bucket: `basic:${user.accountId}` };
}
