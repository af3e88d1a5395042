/**
 * The site-wide Bitrix24 connection. What identifies the portal is plain data; everything that authenticates
 * (webhook URL, OAuth client secret and tokens, the application token of incoming events) is a secret.
 */
import { z } from 'zod';
import type { KeyValueStore, SecretStore } from '../../ports/store';
import { keys, secretKeys } from './keys';

/**
 * What a connection stores while it does not know its portal's member_id: a webhook connection whose admin has
 * not entered it yet, or an OAuth one not yet approved (the token reply carries it). Events are refused meanwhile.
 */
export const UNKNOWN_MEMBER_ID = 'unknown';

export interface Connection {
  /** e.g. acme.bitrix24.com */
  domain: string;
  /** The portal's member_id, checked on every incoming event. */
  memberId: string;
  authMode: 'webhook' | 'oauth';
  /** The B24 user the app writes as (the webhook's owner or the OAuth user). */
  actingUserId?: string;
  connectedAt: number;
  /**
   * When the portal told us (a verified ONAPPUNINSTALL) that the app was uninstalled: sync stops, nothing is
   * deleted, and the Connection tab asks for a reinstall. Cleared by the next approval or webhook set-up.
   */
  uninstalledAt?: number;
  /**
   * How changes reach the app: `online` (default) event.bind posts each one to the event URL; `offline` the
   * portal queues them and the service drains the queue on a schedule (app/offline-drain.ts), for portals that
   * cannot call the service. Offline needs the local application (OAuth) and an administrator.
   */
  events?: EventMode;
}

export type EventMode = 'online' | 'offline';
export const eventModeOf = (connection: Connection | null): EventMode => connection?.events ?? 'online';

export const memberIdKnown = (connection: Connection): boolean => connection.memberId !== UNKNOWN_MEMBER_ID;

const connectionSchema = z.object({
  domain: z.string().min(1),
  memberId: z.string().min(1),
  authMode: z.enum(['webhook', 'oauth']),
  actingUserId: z.string().optional(),
  connectedAt: z.number(),
  uninstalledAt: z.number().optional(),
  events: z.enum(['online', 'offline']).optional(),
});

export class ConnectionStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly secrets: SecretStore,
  ) {}

  async get(): Promise<Connection | null> {
    const parsed = connectionSchema.safeParse(await this.kv.get(keys.connection()));
    return parsed.success ? parsed.data : null;
  }

  async save(connection: Connection): Promise<void> {
    await this.kv.set(keys.connection(), { ...connection });
  }

  /** Sync stops for a portal that uninstalled the app; null while it runs (or nothing is connected). */
  async uninstalledAt(): Promise<number | null> {
    return (await this.get())?.uninstalledAt ?? null;
  }

  /** When the last verified Bitrix24 event arrived: the Connection tab shows it to prove events get through. */
  async recordEventArrival(event: string, at: number): Promise<void> {
    await this.kv.set(keys.lastB24Event(), { at, event });
  }

  async lastEventArrival(): Promise<{ at: number; event: string } | null> {
    const parsed = z.object({ at: z.number(), event: z.string() }).safeParse(await this.kv.get(keys.lastB24Event()));
    return parsed.success ? parsed.data : null;
  }

  async applicationToken(): Promise<string | null> {
    const value = await this.secrets.get(secretKeys.applicationToken());
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  async setApplicationToken(token: string): Promise<void> {
    await this.secrets.set(secretKeys.applicationToken(), token);
  }
}
