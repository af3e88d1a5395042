/**
 * Which Bitrix24 portal addresses a runtime can reach. Forge lets the app call only the egress addresses its
 * manifest declares, so there it is Bitrix24's cloud zones; the self-hosted service reaches whatever host the
 * admin enters, which is what an on-premise portal on its own domain needs.
 */
export type PortalPolicy = { reach: 'bitrix24-cloud' } | { reach: 'any-host' };

export const FORGE_PORTAL_POLICY: PortalPolicy = { reach: 'bitrix24-cloud' };
export const SERVICE_PORTAL_POLICY: PortalPolicy = { reach: 'any-host' };
