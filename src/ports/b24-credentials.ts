/**
 * The Bitrix24 connection as stored in the SecretStore. The settings use cases write it, the REST client's
 * authentication reads it; both go through this schema so a half-written or old secret is refused with a clear
 * message. It is a contract between a use case and an adapter, so it lives with the ports both depend on.
 */
import { z } from 'zod';

export const B24_CREDENTIALS_KEY = 'b24-credentials';

/** Where an authorisation code or a refresh token is exchanged for tokens (one host for every cloud portal). */
export const B24_OAUTH_TOKEN_URL = 'https://oauth.bitrix.info/oauth/token/';

const httpsUrl = z.string().regex(/^https:\/\/[^/\s]+\//, 'an https:// URL');

const b24WebhookCredentialsSchema = z.object({
  mode: z.literal('webhook'),
  /** https://<portal>/rest/<userId>/<secret>/ */
  webhookUrl: httpsUrl.regex(/\/rest\/\d+\/[^/\s]+\/?$/, 'https://<portal>/rest/<userId>/<secret>/'),
});

const b24OAuthCredentialsSchema = z.object({
  mode: z.literal('oauth'),
  /** https://<portal>/rest/ as returned by the token endpoint. */
  clientEndpoint: httpsUrl,
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: z.number(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  memberId: z.string().optional(),
});

export const b24CredentialsSchema = z.discriminatedUnion('mode', [
  b24WebhookCredentialsSchema,
  b24OAuthCredentialsSchema,
]);

export type B24OAuthCredentials = z.infer<typeof b24OAuthCredentialsSchema>;
export type B24Credentials = z.infer<typeof b24CredentialsSchema>;
