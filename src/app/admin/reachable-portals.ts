/**
 * Which portal addresses the app can reach. Forge only lets the app call the egress addresses declared in
 * manifest.yml, so a portal outside Bitrix24's cloud zones (a self-hosted "box" installation) cannot work, and
 * saying so up front beats a connection test that fails with an egress error.
 */

/** Must match manifest.yml's `permissions.external.fetch.backend` (a test compares them). */
export const B24_CLOUD_ZONES = [
  'com', 'ru', 'de', 'eu', 'es', 'fr', 'it', 'pl', 'uk', 'co.uk', 'in', 'com.br', 'com.tr', 'jp', 'cn', 'vn', 'id', 'kz', 'by', 'ua',
] as const;

export type PortalCheck = { ok: true; domain: string } | { ok: false; message: string; code: string; params: Record<string, string> };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Accepts `acme.bitrix24.com`, `https://acme.bitrix24.com/` or a URL on the portal; answers the bare host. */
export function checkPortalAddress(input: string): PortalCheck {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return { ok: false, message: 'Enter the portal address, for example acme.bitrix24.com.', code: 'portal.missing', params: {} };
  let host: string;
  try {
    host = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return { ok: false, message: `"${input.trim()}" is not a web address; enter it like acme.bitrix24.com.`, code: 'portal.notAddress', params: { input: input.trim() } };
  }
  const zone = B24_CLOUD_ZONES.find((z) => host.endsWith(`.bitrix24.${z}`));
  const name = zone ? host.slice(0, -`.bitrix24.${zone}`.length) : '';
  if (zone && LABEL.test(name)) return { ok: true, domain: host };
  return {
    ok: false,
    message:
      `${host} is not a Bitrix24 cloud portal. The app can only reach portals in Bitrix24's cloud ` +
      `(*.bitrix24.com, .ru, .de, .eu and the other cloud zones); a self-hosted Bitrix24 is not supported by Forge's network rules.`,
    code: 'portal.notCloud',
    params: { host },
  };
}
