/**
 * Where the hourly reconciliation of a project stands: the instant the next run starts from, and whether a run is
 * still being continued on the migration queue (so the next hourly run does not start a second one).
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from '../store/keys';
import { versionsSchema, type Versions } from './versions';

export interface ReconcileCursor {
  /** Jira: changes at or after this instant of the app's clock still need a look (asked as a relative period). */
  since: number;
  /** Bitrix24: the same in Bitrix24's own time (a CHANGED_DATE it returned, minus the overlap). */
  b24Since?: number;
  /** What the last complete run enqueued, so an unchanged entity in the overlap is not enqueued again. */
  previous?: { b24: Versions; jira: Versions };
  /** A run that did not fit in one invocation and continues as queued pages; cleared when it completes. */
  pendingSince?: number;
}

const schema = z.object({
  since: z.number(),
  b24Since: z.number().optional(),
  previous: z.object({ b24: versionsSchema, jira: versionsSchema }).optional(),
  pendingSince: z.number().optional(),
});

/** A continuation that has not finished after this long is presumed lost (dead letter), and a new run starts. */
export const PENDING_STALE_MS = 2 * 60 * 60_000;

export class ReconcileCursorStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<ReconcileCursor | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.reconcileCursor(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  async complete(projectKey: string, cursor: Required<Omit<ReconcileCursor, 'pendingSince'>>): Promise<void> {
    await this.kv.set(keys.reconcileCursor(projectKey), {
      since: cursor.since,
      b24Since: cursor.b24Since,
      previous: cursor.previous,
    });
  }

  /** The window stays where it was until the continued scan completes. */
  async markPending(
    projectKey: string,
    cursor: Required<Omit<ReconcileCursor, 'pendingSince'>>,
    pendingSince: number,
  ): Promise<void> {
    await this.kv.set(keys.reconcileCursor(projectKey), {
      since: cursor.since,
      b24Since: cursor.b24Since,
      previous: cursor.previous,
      pendingSince,
    });
  }
}
