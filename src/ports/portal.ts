/**
 * What a runtime can do with a Bitrix24 portal. Forge lets the app call only the egress addresses its manifest
 * declares, so there portals are Bitrix24's cloud zones, and nothing there reads an offline event queue; the
 * self-hosted service reaches whatever host the admin enters (an on-premise portal on its own domain) and drains
 * the offline queue on its schedule (app/offline-drain.ts).
 */
export interface PortalPolicy {
  reach: 'bitrix24-cloud' | 'any-host';
  /** Whether this runtime drains the portal's offline event queue, so a connection may choose offline events. */
  offlineEvents: boolean;
}

export const FORGE_PORTAL_POLICY: PortalPolicy = { reach: 'bitrix24-cloud', offlineEvents: false };
export const SERVICE_PORTAL_POLICY: PortalPolicy = { reach: 'any-host', offlineEvents: true };
