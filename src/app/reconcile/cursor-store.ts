/**
 * Where the hourly reconciliation of a project stands: the instant the next run starts from, and whether a run is
 * still being continued on the migration queue (so the next hourly run does not start a second one).
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from '../store/keys';

export interface ReconcileCursor {
  /** Changes at or after this instant still need a look. */
  since: number;
  /** A run that did not fit in one invocation and continues as queued pages; cleared when it completes. */
  pendingSince?: number;
}

const schema = z.object({ since: z.number(), pendingSince: z.number().optional() });

/** A continuation that has not finished after this long is presumed lost (dead letter), and a new run starts. */
export const PENDING_STALE_MS = 2 * 60 * 60_000;

export class ReconcileCursorStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<ReconcileCursor | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.reconcileCursor(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  async complete(projectKey: string, since: number): Promise<void> {
    await this.kv.set(keys.reconcileCursor(projectKey), { since });
  }

  async markPending(projectKey: string, cursor: ReconcileCursor | null, startedAt: number, fallbackSince: number): Promise<void> {
    await this.kv.set(keys.reconcileCursor(projectKey), { since: cursor?.since ?? fallbackSince, pendingSince: startedAt });
  }
}
