/**
 * The oauth.bitrix.info token server for the seeded local application: authorization codes (30 s, single use),
 * access tokens (1 h on the injected clock) and refresh tokens rotated on every refresh.
 */
import type { B24Seed, Clock } from '../contracts';
import { jsonResponse } from './envelope';
import { parseStr } from './php-query';

export const OAUTH_HOST = 'oauth.bitrix.info';
export const ALL_SCOPES = ['task', 'tasks', 'user', 'user_basic', 'user_brief', 'sonet_group', 'disk', 'im'];

export interface AccessToken {
  token: string;
  userId: string;
  expiresAt: number;
}

function oauthError(error: string, description: string, status = 400): Response {
  return jsonResponse({ error, error_description: description }, status);
}

export class OAuthServer {
  private readonly codes = new Map<string, { userId: string; expiresAt: number }>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly seed: B24Seed,
    private readonly clock: Clock,
  ) {}

  private mint(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).padStart(6, '0')}${this.clock.now().toString(36)}`.slice(0, 32);
  }

  issueAuthorizationCode(userId: string): string {
    const code = this.mint('code');
    this.codes.set(code, { userId, expiresAt: this.clock.now() + 30_000 });
    return code;
  }

  /** An access token for a user without going through the code flow (event deliveries carry one). */
  issueAccessToken(userId: string): AccessToken {
    const token: AccessToken = { token: this.mint('at'), userId, expiresAt: this.clock.now() + 3_600_000 };
    this.access.set(token.token, token);
    return token;
  }

  /** Uninstalling the app revokes every token it holds (common/events/on-app-uninstall.md). */
  revokeAll(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
  }

  lookup(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/oauth/token/' && url.pathname !== '/oauth/token')
      return oauthError('NOT_FOUND', 'Not found', 404);
    const body = request.method === 'POST' ? await request.text() : '';
    const args = { ...parseStr(body), ...parseStr(url.search.slice(1)) };
    const client = this.seed.oauthClient;
    if (!client || args.client_id !== client.clientId) return oauthError('invalid_client', 'Invalid client');
    if (args.client_secret !== client.clientSecret) return oauthError('invalid_client', 'Invalid client secret');
    if (args.grant_type === 'authorization_code')
      return this.exchangeCode(typeof args.code === 'string' ? args.code : '');
    if (args.grant_type === 'refresh_token')
      return this.rotate(typeof args.refresh_token === 'string' ? args.refresh_token : '');
    return oauthError('unsupported_grant_type', 'Unsupported grant type');
  }

  private exchangeCode(code: string): Response {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresAt < this.clock.now()) return oauthError('invalid_grant', 'Invalid authorization code');
    return this.grant(entry.userId);
  }

  private rotate(refreshToken: string): Response {
    const userId = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    if (userId === undefined) return oauthError('invalid_grant', 'Invalid refresh token');
    return this.grant(userId);
  }

  private grant(userId: string): Response {
    const access = this.issueAccessToken(userId);
    const refreshToken = this.mint('rt');
    this.refresh.set(refreshToken, userId);
    return jsonResponse({
      access_token: access.token,
      client_endpoint: `https://${this.seed.domain}/rest/`,
      domain: OAUTH_HOST,
      expires: Math.floor(access.expiresAt / 1000),
      expires_in: 3600,
      member_id: this.seed.memberId,
      refresh_token: refreshToken,
      scope: ALL_SCOPES.join(','),
      server_endpoint: `https://${OAUTH_HOST}/rest/`,
      status: 'L',
      user_id: Number(userId),
    });
  }
}
