/**
 * Who is calling. The local runtime passes a trusted `Caller`; a person over HTTP must send Basic auth with a
 * seeded user's e-mail and any non-empty API token, as Jira Cloud's basic auth with API tokens works.
 */
import type { Caller, JiraSeed } from '../contracts';
import { JiraHttpError } from './errors';

export interface Actor {
  accountId: string;
  /** The app's own account (asApp): its writes are flagged selfGenerated in events. */
  isApp: boolean;
  /** Rate-limit bucket key. */
  bucket: string;
}

const unauthenticated = (): JiraHttpError =>
  new JiraHttpError(401, ['You are not authenticated. Authentication required to perform this operation.'], {}, {
    'WWW-Authenticate': 'Basic realm="protected-area"',
  });

export function resolveActor(seed: JiraSeed, request: Request, caller?: Caller): Actor {
  if (caller?.kind === 'app') return { accountId: seed.appAccountId, isApp: true, bucket: 'app' };
  if (caller?.kind === 'user') {
    if (!seed.users.some((u) => u.accountId === caller.accountId)) throw unauthenticated();
    return { accountId: caller.accountId, isApp: false, bucket: `user:${caller.accountId}` };
  }
  const header = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (match?.[1] === undefined) throw unauthenticated();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const email = decoded.slice(0, colon).toLowerCase();
  const token = decoded.slice(colon + 1);
  const user = seed.users.find((u) => u.email.toLowerCase() === email);
  if (colon < 0 || token === '' || user === undefined) throw unauthenticated();
  return { accountId: user.accountId, isApp: false, bucket: `basic:${user.accountId}` };
}
