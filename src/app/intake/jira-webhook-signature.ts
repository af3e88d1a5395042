/**
 * Is this webhook from Jira? Two documented proofs (developer.atlassian.com/cloud/jira/platform/webhooks/):
 * - an admin webhook registered with a secret carries `X-Hub-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw
 *   body keyed with that secret (the WebSub form);
 * - a dynamic webhook an OAuth 2.0 app registered carries `Authorization: Bearer <JWT>`, signed HS256 with the app's
 *   client secret (Atlassian lists no claims, so only the signature and an `exp`, when present, are checked).
 * Both compare in time that depends only on lengths (src/core/constant-time.ts).
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../core/constant-time';

export type JiraWebhookAuth = { mode: 'secret'; secret: string } | { mode: 'oauth'; clientSecret: string };

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface WebhookHeaders {
  get(name: string): string | null;
}

/** Seconds of clock skew tolerated on a JWT's `exp`. */
const EXP_LEEWAY_S = 60;

function verifyHubSignature(secret: string, rawBody: string, header: string | null): Verdict {
  if (header === null || header.trim() === '') return { ok: false, reason: 'missing X-Hub-Signature header' };
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
  if (match?.[1] === undefined) return { ok: false, reason: 'X-Hub-Signature is not of the form sha256=<hex>' };
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
  return constantTimeEqual(expected, match[1].toLowerCase())
    ? { ok: true }
    : { ok: false, reason: 'X-Hub-Signature does not match the body' };
}

const decodeJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

function verifyWebhookJwt(clientSecret: string, authorization: string | null, nowMs: number): Verdict {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec((authorization ?? '').trim());
  if (match === null) return { ok: false, reason: 'missing or malformed Bearer token' };
  const [, head = '', claims = '', signature = ''] = match;
  const header = decodeJson(head) as { alg?: unknown } | undefined;
  // The algorithm is pinned: a token that names another (or "none") is refused before any comparison.
  if (header?.alg !== 'HS256') return { ok: false, reason: 'token is not signed with HS256' };
  const expected = createHmac('sha256', clientSecret).update(`${head}.${claims}`).digest('base64url');
  if (!constantTimeEqual(expected, signature)) return { ok: false, reason: 'token signature does not match' };
  const payload = decodeJson(claims) as { exp?: unknown } | undefined;
  if (payload === undefined) return { ok: false, reason: 'token claims are not JSON' };
  if (typeof payload.exp === 'number' && payload.exp + EXP_LEEWAY_S < nowMs / 1000)
    return { ok: false, reason: 'token has expired' };
  return { ok: true };
}

export function verifyJiraWebhook(
  auth: JiraWebhookAuth,
  headers: WebhookHeaders,
  rawBody: string,
  nowMs: number,
): Verdict {
  return auth.mode === 'secret'
    ? verifyHubSignature(auth.secret, rawBody, headers.get('x-hub-signature'))
    : verifyWebhookJwt(auth.clientSecret, headers.get('authorization'), nowMs);
}

/** The emulator and tests sign deliveries the way Jira does. */
export const hubSignature = (secret: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
