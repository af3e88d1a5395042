/**
 * A Bitrix24 delivery repeated after its job has run: the pending claim (pending-jobs.ts) no longer catches it, and
 * a captured delivery can be replayed at any pace, each copy costing a job and a read. A copy is dropped unread when
 * a job of the same identity, started after the copy's event had certainly happened, has since finished.
 *
 * "Certainly happened" without trusting the two clocks to agree: Bitrix24 stamps `ts` (whole seconds) when it sends
 * the event, after the change. The first arrival A of an event (our clock) bounds the clock offset, so any change
 * whose event carries the same identity and the same `ts` (even a person's second edit within that second, which
 * Bitrix24 sends with an identical body) happened before A + 1 s on our clock. A job that started reading after that
 * has seen it. A copy of an event never seen before (or forgotten after KEEP_SECONDS) is its own first arrival, so it
 * is never dropped: at worst it costs the one read a new event costs.
 */
import type { KeyValueStore } from '../../ports/store';
import type { SyncJob } from '../sync-jobs';
import { coalesceIdentity } from './pending-jobs';

/** How long an event's first arrival and an identity's last finished job are remembered. */
export const KEEP_SECONDS = 24 * 3600;
/** `ts` is whole seconds: its event may have been sent up to a second after it. */
const TS_RESOLUTION_MS = 1000;

const arrivalKey = (identity: string, ts: number): string => `arrived:${identity}:${ts}`;
const syncedKey = (identity: string): string => `synced:${identity}`;

export class ReplayScreen {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
  ) {}

  /** Records the event's first arrival; true when a finished job has already seen everything it can announce. */
  async seenBefore(job: SyncJob, ts: number | undefined): Promise<boolean> {
    const identity = coalesceIdentity(job);
    if (identity === null || ts === undefined || !Number.isSafeInteger(ts)) return false;
    const key = arrivalKey(identity, ts);
    if (await this.kv.setIfAbsent(key, this.now(), { ttlSeconds: KEEP_SECONDS })) return false;
    const [firstArrival, synced] = await Promise.all([this.kv.get(key), this.kv.get(syncedKey(identity))]);
    if (typeof firstArrival !== 'number' || typeof synced !== 'number') return false;
    return synced >= firstArrival + TS_RESOLUTION_MS;
  }

  /** A job that ran to the end, from `startedAt` (before its first read). */
  async finished(job: SyncJob, startedAt: number): Promise<void> {
    const identity = coalesceIdentity(job);
    if (identity === null) return;
    const previous = await this.kv.get(syncedKey(identity));
    if (typeof previous === 'number' && previous >= startedAt) return;
    await this.kv.set(syncedKey(identity), startedAt, { ttlSeconds: KEEP_SECONDS });
  }
}
