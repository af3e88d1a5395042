/**
 * What the HTTP routes share: the service's parts, the session cookie and the checks every state-changing request
 * passes (a same-origin form, or JSON with the session's CSRF token).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { RightsPort } from '../app-calls';
import type { Accounts, Session } from '../auth/accounts';
import type { LoginThrottle } from '../auth/throttle';
import type { ServiceApp } from '../compose';
import type { AppDeps } from '../../app/deps';
import type { JiraWebhookAuth } from '../../app/intake/jira-webhook-signature';
import type { JobEngine } from '../engines';
import type { ServiceMetrics } from '../metrics';

export const SESSION_COOKIE = 'b24sync_session';
export const CSRF_HEADER = 'x-sync-csrf';

export interface ReadyCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpOptions {
  publicUrl: URL;
  secureCookies: boolean;
  bodyLimitBytes: number;
  resolverTimeoutMs: number;
  sessionHours: number;
}

export interface HttpJira {
  mode: 'token' | 'oauth' | 'pat' | 'none';
  /** null: every delivery to /events/jira is refused, none can prove its origin. */
  webhookAuth: JiraWebhookAuth | null;
  serviceAccountId(): Promise<string | null>;
}

export interface HttpParts {
  options: HttpOptions;
  app: ServiceApp;
  accounts: Accounts;
  throttle: LoginThrottle;
  jobs: JobEngine;
  metrics: ServiceMetrics;
  /** The database and the queue, each asked by /readyz. */
  ready: ReadyCheck[];
  /** The one-time code of the first setup (printed in the log at start). */
  setupCode: string;
  jira: HttpJira;
  /** The rights of the signed-in admin, over the app's dependencies of the call. */
  rights(deps: AppDeps): RightsPort;
}

/** The client's address as the socket reports it (a reverse proxy's own address when there is one). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function startSession(c: Context, parts: HttpParts, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: parts.options.secureCookies,
    sameSite: 'Strict',
    path: '/',
    maxAge: parts.options.sessionHours * 3600,
  });
}

export function endSession(c: Context, parts: HttpParts): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    secure: parts.options.secureCookies,
    sameSite: 'Strict',
    path: '/',
  });
}

export const sessionToken = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

export async function currentSession(c: Context, parts: HttpParts): Promise<Session | null> {
  return parts.accounts.session(sessionToken(c));
}

/**
 * A browser sends Origin on every POST it makes; a form posted from another site names that site. Requests
 * without Origin (curl, scripts) are judged by the other checks alone.
 */
export function sameOrigin(c: Context, parts: HttpParts): boolean {
  const origin = c.req.header('origin');
  return origin === undefined || origin === parts.options.publicUrl.origin;
}

export function csrfMatches(session: Session, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
