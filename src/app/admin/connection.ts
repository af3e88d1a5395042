/**
 * The site-wide connection as the Connection tab reads and saves it. Secrets are written to secret storage and
 * come back only masked; a save that leaves a secret field empty keeps the stored one (the "Replace" action).
 */
import { z } from 'zod';
import { B24_CREDENTIALS_KEY, b24CredentialsSchema, type B24Credentials } from '../../ports/b24-credentials';
import type { AppDeps } from '../deps';
import { readHealth, type HealthNotice } from '../health/health-notices';
import { eventModeOf, memberIdKnown, UNKNOWN_MEMBER_ID, type Connection, type EventMode } from '../store/connection';
import { keys } from '../store/keys';
import { AdminError } from './admin-errors';
import { maskSecret, maskWebhookUrl } from './mask-secret';
import { checkPortalAddress } from './reachable-portals';
import { storesOf } from '../store/stores';

/** OAuth client id and secret between "Save" and the authorisation redirect (no tokens yet). */
export const OAUTH_CLIENT_KEY = 'b24-oauth-client';
export const oauthClientSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });

export interface ConnectionView {
  connected: boolean;
  domain?: string;
  authMode?: 'webhook' | 'oauth';
  /** Online (event.bind to the event URL) or offline (the portal queues, the service drains). */
  eventMode?: EventMode;
  /** Whether this runtime can read the portal's offline queue (the self-hosted service can, Forge cannot). */
  offlineEventsAvailable: boolean;
  actingUserId?: string;
  connectedAt?: number;
  webhookUrl?: string;
  clientId?: string;
  clientSecret?: string;
  applicationToken?: string;
  /** Where Bitrix24 must send events (paste into the outgoing webhook). */
  eventUrl: string;
  /** The last event the web trigger verified and accepted: proof that events arrive. */
  lastEvent?: { at: number; event: string };
  /** The portal uninstalled the app: sync stopped, nothing deleted, a reinstall resumes (shown by the health notice). */
  uninstalledAt?: number;
  /** The portal's member_id, when the set-up recorded it (it is no secret; events must carry it). */
  memberId?: string;
  /** Events arriving or not, OAuth refreshes failing, jobs that gave up (the page words each code). */
  health?: HealthNotice[];
}

/** Jobs that gave up are counted over the first paired projects only: the tab must open quickly. */
const MAX_HEALTH_PROJECTS = 20;

const lastEventSchema = z.object({ at: z.number(), event: z.string() });

const secretField = z.string().trim().max(2000).optional();
/** The portal's member_id as Bitrix24 prints it (32 hex digits on cloud portals); empty keeps the stored one. */
const memberIdField = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "The portal's member_id is 8 to 64 letters, digits, '-' or '_'."),
  ])
  .optional();

/** How changes arrive (store/connection.ts, `events`); absent keeps the stored choice. */
const eventsField = z.enum(['online', 'offline']).optional();

export const saveConnectionInput = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('webhook'),
    portal: z.string().max(300),
    webhookUrl: secretField,
    applicationToken: secretField,
    memberId: memberIdField,
    events: eventsField,
  }),
  z.object({
    mode: z.literal('oauth'),
    portal: z.string().max(300),
    clientId: z.string().trim().max(200).optional(),
    clientSecret: secretField,
    applicationToken: secretField,
    events: eventsField,
  }),
]);
export type SaveConnectionInput = z.infer<typeof saveConnectionInput>;

export async function readCredentials(deps: AppDeps): Promise<B24Credentials | null> {
  const parsed = b24CredentialsSchema.safeParse(await deps.secrets.get(B24_CREDENTIALS_KEY));
  return parsed.success ? parsed.data : null;
}

export async function readConnectionView(deps: AppDeps, eventUrl: string): Promise<ConnectionView> {
  const store = storesOf(deps).connection;
  const [connection, credentials, token, client, lastEvent, health] = await Promise.all([
    store.get(),
    readCredentials(deps),
    store.applicationToken(),
    deps.secrets.get(OAUTH_CLIENT_KEY).then((v) => oauthClientSchema.safeParse(v)),
    deps.kv.get(keys.lastB24Event()).then((v) => lastEventSchema.safeParse(v)),
    storesOf(deps)
      .configs.list()
      .then((projects) => readHealth(deps, projects.slice(0, MAX_HEALTH_PROJECTS))),
  ]);
  const connected = connection !== null && credentials !== null && connection.uninstalledAt === undefined;
  const view: ConnectionView = {
    connected,
    eventUrl,
    offlineEventsAvailable: deps.portalPolicy?.offlineEvents === true,
    health,
    ...(lastEvent.success ? { lastEvent: lastEvent.data } : {}),
  };
  if (connection)
    Object.assign(view, {
      domain: connection.domain,
      authMode: connection.authMode,
      connectedAt: connection.connectedAt,
      eventMode: eventModeOf(connection),
      ...(connection.actingUserId ? { actingUserId: connection.actingUserId } : {}),
    });
  if (connection?.uninstalledAt !== undefined) view.uninstalledAt = connection.uninstalledAt;
  if (connection && memberIdKnown(connection)) view.memberId = connection.memberId;
  if (credentials?.mode === 'webhook') view.webhookUrl = maskWebhookUrl(credentials.webhookUrl);
  if (credentials?.mode === 'oauth')
    Object.assign(view, { clientId: credentials.clientId, clientSecret: maskSecret(credentials.clientSecret) });
  else if (client.success)
    Object.assign(view, { clientId: client.data.clientId, clientSecret: maskSecret(client.data.clientSecret) });
  if (token) view.applicationToken = maskSecret(token);
  return view;
}

export async function saveConnection(deps: AppDeps, input: SaveConnectionInput): Promise<void> {
  const portal = checkPortalAddress(input.portal, deps.portalPolicy);
  if (!portal.ok) throw new AdminError(portal.message, portal.code, portal.params);
  if (input.events === 'offline' && input.mode === 'oauth' && deps.portalPolicy?.offlineEvents !== true) {
    throw new AdminError(
      "Offline events need the self-hosted service, which reads the portal's queue on a schedule; this app receives events at its event URL only. Choose online events.",
      'connection.offlineNotHere',
    );
  }
  const store = storesOf(deps).connection;
  const previous = await store.get();
  const samePortal = previous?.domain === portal.domain;
  if (input.mode === 'webhook') await saveWebhook(deps, portal.domain, input, samePortal ? previous : null);
  else await saveOAuthClient(deps, portal.domain, input, samePortal ? previous : null);
  if (input.applicationToken) await store.setApplicationToken(input.applicationToken);
}

async function saveWebhook(
  deps: AppDeps,
  domain: string,
  input: Extract<SaveConnectionInput, { mode: 'webhook' }>,
  previous: Connection | null,
): Promise<void> {
  // Offline events exist only in an application context (event-offline-get.md): an incoming webhook cannot read them.
  if (input.events === 'offline') {
    throw new AdminError(
      'Offline events need the Bitrix24 local application (OAuth): an incoming webhook cannot read the offline queue. Choose OAuth, or online events.',
      'connection.offlineNeedsApp',
    );
  }
  const stored = await readCredentials(deps);
  const webhookUrl = input.webhookUrl || (stored?.mode === 'webhook' && previous ? stored.webhookUrl : '');
  if (!webhookUrl)
    throw new AdminError(
      'Enter the incoming webhook URL from Bitrix24 (Developer resources → Other → Incoming webhook).',
      'connection.webhookMissing',
    );
  const parsed = /^https:\/\/([^/]+)\/rest\/(\d+)\/([^/\s]+)\/?(?:[a-z_.]+(?:\.json)?)?$/i.exec(webhookUrl);
  if (!parsed)
    throw new AdminError(
      'The webhook URL must look like https://<portal>/rest/<user id>/<secret>/.',
      'connection.webhookShape',
    );
  if (parsed[1]?.toLowerCase() !== domain)
    throw new AdminError(
      `The webhook URL belongs to ${parsed[1] ?? 'another portal'}, not to ${domain}.`,
      'connection.webhookOtherPortal',
      { portal: parsed[1] ?? '', domain },
    );
  await deps.secrets.set(B24_CREDENTIALS_KEY, {
    mode: 'webhook',
    webhookUrl: `https://${domain}/rest/${parsed[2] ?? ''}/${parsed[3] ?? ''}/`,
  });
  // An incoming webhook cannot ask Bitrix24 for the member_id (app.info needs an application context), so the
  // admin enters it; until then events are refused and the tab says so.
  const memberId = input.memberId || previous?.memberId || UNKNOWN_MEMBER_ID;
  await storesOf(deps).connection.save({
    domain,
    memberId,
    authMode: 'webhook',
    actingUserId: parsed[2] ?? '',
    connectedAt: deps.clock.now(),
  });
}

async function saveOAuthClient(
  deps: AppDeps,
  domain: string,
  input: Extract<SaveConnectionInput, { mode: 'oauth' }>,
  previous: Connection | null,
): Promise<void> {
  const stored = oauthClientSchema.safeParse(await deps.secrets.get(OAUTH_CLIENT_KEY));
  const clientId = input.clientId || (stored.success ? stored.data.clientId : '');
  const clientSecret = input.clientSecret || (stored.success ? stored.data.clientSecret : '');
  if (!clientId || !clientSecret)
    throw new AdminError(
      'Enter the client id and client secret of the Bitrix24 local application.',
      'connection.oauthClientMissing',
    );
  await deps.secrets.set(OAUTH_CLIENT_KEY, { clientId, clientSecret });
  // Tokens arrive with the authorisation redirect; until then the portal is known but not yet usable.
  if (previous?.authMode !== 'oauth') await deps.secrets.delete(B24_CREDENTIALS_KEY);
  // Saving the client again is no reinstall: an uninstalled app stays so until the next approval.
  const uninstalled = previous?.uninstalledAt === undefined ? {} : { uninstalledAt: previous.uninstalledAt };
  const events = input.events ?? previous?.events;
  await storesOf(deps).connection.save({
    domain,
    memberId: previous?.memberId ?? UNKNOWN_MEMBER_ID,
    authMode: 'oauth',
    connectedAt: deps.clock.now(),
    ...uninstalled,
    ...(events ? { events } : {}),
  });
}
