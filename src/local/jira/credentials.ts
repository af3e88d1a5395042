/**
 * Credentials the emulated site has issued: API tokens per person (id.atlassian.com → Security → API tokens) and
 * OAuth 2.0 access tokens of an app a person authorised. A person with at least one API token must send one of
 * them; people with none keep the older leniency (any non-empty token), which the scenario and conformance suites
 * still rely on.
 */
import { randomBytes } from 'node:crypto';

export interface OAuthGrant {
  accountId: string;
  /** The app's client secret: dynamic webhooks it registers are delivered with a JWT signed by it. */
  clientSecret: string;
}

export class JiraCredentials {
  private readonly apiTokens = new Map<string, Set<string>>();
  private readonly oauth = new Map<string, OAuthGrant>();

  issueApiToken(email: string): string {
    const token = `ATATT${randomBytes(24).toString('base64url')}`;
    const key = email.toLowerCase();
    const set = this.apiTokens.get(key) ?? new Set<string>();
    set.add(token);
    this.apiTokens.set(key, set);
    return token;
  }

  revokeApiTokens(email: string): void {
    this.apiTokens.set(email.toLowerCase(), new Set());
  }

  /** True when the token may be used for this e-mail. */
  acceptsApiToken(email: string, token: string): boolean {
    const issued = this.apiTokens.get(email.toLowerCase());
    return issued === undefined ? token !== '' : issued.has(token);
  }

  issueOAuthToken(grant: OAuthGrant): string {
    const token = `eyJoauth.${randomBytes(24).toString('base64url')}`;
    this.oauth.set(token, grant);
    return token;
  }

  revokeOAuthToken(token: string): void {
    this.oauth.delete(token);
  }

  oauthGrant(token: string): OAuthGrant | undefined {
    return this.oauth.get(token);
  }
}
