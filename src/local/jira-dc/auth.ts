/**
 * Who is calling Jira Data Center: `Authorization: Bearer <personal access token>` ("Using Personal Access
 * Tokens": "Authorization: Bearer <yourToken>"), or Basic auth with a user's name and password ("Basic
 * authentication", developer.atlassian.com/server/jira/platform/basic-authentication/). Bad credentials are
 * answered 401 with `X-Seraph-LoginReason: AUTHENTICATED_FAILED`, Seraph's header on Jira's REST errors; an expired
 * or revoked token is a bad credential like any other. No credentials at all is an anonymous request, which each
 * resource then judges (see index.ts).
 */
import type { Actor } from '../jira/auth';
import { JiraHttpError } from '../jira/errors';
import type { DcDirectory } from './directory';
import type { PatStore } from './pat';

export const notAuthenticated = (reason = 'AUTHENTICATED_FAILED'): JiraHttpError =>
  new JiraHttpError(
    401,
    ['You are not authenticated. Authentication required to perform this operation.'],
    {},
    { 'WWW-Authenticate': 'Basic realm="protected-area"', 'X-Seraph-LoginReason': reason },
  );

export interface DcActor extends Actor {
  via: 'pat' | 'basic';
}

export function resolveDcActor(
  request: Request,
  directory: DcDirectory,
  pats: PatStore,
  now: number,
): DcActor | undefined {
  const header = (request.headers.get('authorization') ?? '').trim();
  if (header === '') return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1] !== undefined) {
    const found = pats.lookup(bearer[1], now);
    if (typeof found === 'string' || directory.byAccountId(found.accountId) === undefined) throw notAuthenticated();
    return { accountId: found.accountId, isApp: false, bucket: found.accountId, via: 'pat' };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (basic?.[1] === undefined) throw notAuthenticated();
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? undefined : directory.byName(decoded.slice(0, colon));
  if (user?.password === undefined || user.password !== decoded.slice(colon + 1)) throw notAuthenticated();
  return { accountId: user.accountId, isApp: false, bucket: user.accountId, via: 'basic' };
}
