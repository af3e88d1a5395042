/**
 * Which portal addresses the app can reach, by the runtime's policy (ports/portal.ts). Forge only lets the app call
 * the egress addresses declared in manifest.yml, so there a portal outside Bitrix24's cloud zones (a self-hosted
 * "box" installation) cannot work, and saying so up front beats a connection test that fails with an egress error.
 * The self-hosted service takes any host name, over https only: the portal's tokens and webhook secret travel in
 * every call.
 */
import { FORGE_PORTAL_POLICY, type PortalPolicy } from '../../ports/portal';

/** Must match manifest.yml's `permissions.external.fetch.backend` (a test compares them). */
export const B24_CLOUD_ZONES = [
  'com',
  'ru',
  'de',
  'eu',
  'es',
  'fr',
  'it',
  'pl',
  'uk',
  'co.uk',
  'in',
  'com.br',
  'com.tr',
  'jp',
  'cn',
  'vn',
  'id',
  'kz',
  'by',
  'ua',
] as const;

export type PortalCheck =
  { ok: true; domain: string } | { ok: false; message: string; code: string; params: Record<string, string> };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Accepts `acme.bitrix24.com`, `https://acme.bitrix24.com/` or a URL on the portal; answers the bare host. */
export function checkPortalAddress(input: string, policy: PortalPolicy = FORGE_PORTAL_POLICY): PortalCheck {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '')
    return {
      ok: false,
      message: 'Enter the portal address, for example acme.bitrix24.com.',
      code: 'portal.missing',
      params: {},
    };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return {
      ok: false,
      message: `"${input.trim()}" is not a web address; enter it like acme.bitrix24.com.`,
      code: 'portal.notAddress',
      params: { input: input.trim() },
    };
  }
  return policy.reach === 'any-host' ? anyHost(url, input.trim()) : cloudZone(url.hostname);
}

function cloudZone(host: string): PortalCheck {
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

/** Any DNS name or IPv4 address, with a port when it is not 443; never plain http, never a user name in the URL. */
function anyHost(url: URL, input: string): PortalCheck {
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      message: `${input} is not an https:// address. The service reaches Bitrix24 over https only; enter the portal as https://${url.host || 'portal.example.com'}.`,
      code: 'portal.notHttps',
      params: { input },
    };
  }
  const labels = url.hostname.split('.');
  if (url.username !== '' || url.password !== '' || !labels.every((l) => LABEL.test(l))) {
    return {
      ok: false,
      message: `"${input}" is not a web address; enter it like tasks.example.com.`,
      code: 'portal.notAddress',
      params: { input },
    };
  }
  return { ok: true, domain: url.host };
}
