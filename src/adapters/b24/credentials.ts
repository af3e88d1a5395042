/**
 * The Bitrix24 connection as stored in the SecretStore. The settings resolver writes it, the REST client reads it;
 * both go through this schema so a half-written or old secret is refused with a clear message.
 */
import { z } from 'zod';

export const B24_CREDENTIALS_KEY = 'b24-credentials';

const httpsUrl = z.string().regex(/^https:\/\/[^/\s]+\//, 'an https:// URL');

export const b24WebhookCredentialsSchema = z.object({
  mode: z.literal('webhook'),
  /** https://<portal>/rest/<userId>/<secret>/ */
  webhookUrl: httpsUrl.regex(/\/rest\/\d+\/[^/\s]+\/?$/, 'https://<portal>/rest/<userId>/<secret>/'),
});

export const b24OAuthCredentialsSchema = z.object({
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

export const b24CredentialsSchema = z.discriminatedUnion('mode', [b24WebhookCredentialsSchema, b24OAuthCredentialsSchema]);

export type B24WebhookCredentials = z.infer<typeof b24WebhookCredentialsSchema>;
export type B24OAuthCredentials = z.infer<typeof b24OAuthCredentialsSchema>;
export type B24Credentials = z.infer<typeof b24CredentialsSchema>;

/** Where REST v2 and REST 3.0 calls go for webhook credentials: /rest/<id>/<secret>/ and /rest/api/<id>/<secret>/. */
export const webhookBases = (webhookUrl: string): { v2: string; v3: string } => {
  const v2 = webhookUrl.endsWith('/') ? webhookUrl : `${webhookUrl}/`;
  return { v2, v3: v2.replace(/\/rest\/(\d+\/)/, '/rest/api/$1') };
};
