/**
 * Secrets leave the server only masked: enough for an admin to recognise which one is stored, never enough to use.
 */
const DOTS = '••••';

export function maskSecret(secret: string): string {
  return secret.length <= 8 ? DOTS : `${DOTS}${secret.slice(-4)}`;
}

/** https://acme.bitrix24.com/rest/1/k3x9p2m7q4w8z1a5/ → https://acme.bitrix24.com/rest/1/••••z1a5/ */
export function maskWebhookUrl(url: string): string {
  const match = /^(https:\/\/[^/]+\/rest\/\d+\/)([^/]+)\/?$/.exec(url);
  return match ? `${match[1] ?? ''}${maskSecret(match[2] ?? '')}/` : DOTS;
}
