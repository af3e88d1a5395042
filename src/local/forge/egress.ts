/** Forge's egress check for `fetch`: the manifest's `permissions.external.fetch.backend`, HTTPS only. */
import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';

export function hostAllowed(host: string, allowList: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowList.some((entry) => {
    if (entry === '*') return true;
    // Only a leading `*.` is a wildcard, and it needs at least one more label (it does not match the bare domain).
    if (entry.startsWith('*.')) return h.endsWith(entry.slice(1)) && h.length > entry.length - 1;
    return h === entry;
  });
}

/** The parsed URL when allowed; otherwise the SDK's ExternalEndpointNotAllowedError, as the Forge proxy raises it. */
export function checkEgress(url: string, allowList: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Invalid URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' || !hostAllowed(parsed.hostname, allowList)) throw new ExternalEndpointNotAllowedError(url);
  return parsed;
}
