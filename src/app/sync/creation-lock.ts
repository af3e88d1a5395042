/**
 * The lock around creating the missing side of a pair. It stops a duplicated event from creating a twin, and it
 * remembers that a create was sent: when an attempt ends without knowing whether its create landed (the reply was
 * lost, the invocation timed out), the lock survives the attempt. Jira's search is eventually consistent (Atlassian:
 * `/search/jql` "may return stale data" for seconds to minutes unless `reconcileIssues` names the issue), so the
 * retry must not trust a search for the marker until that much time has passed since the create was sent: it waits
 * through the queue's retry (`retryAfterMs`) instead. When the created id is known, search names it in
 * `reconcileIssues` and need not wait.
 */
import { RetryableError } from '../../core/errors';
import type { SyncContext } from '../sync-context';

/** How long after a create was sent search may still miss it. Atlassian gives no bound ("seconds to minutes"). */
const SEARCH_SETTLE_MS = 3 * 60_000;
/** A lock whose holder never sent anything is abandoned after this (the holder crashed before creating). */
const UNSENT_STALE_MS = 5 * 60_000;
/** Long enough to outlive every retry of a create whose outcome is unknown. */
const LOCK_TTL_SECONDS = 24 * 3600;

/**
 * Each wait is measured twice, and ends at whichever says so first: by the wall clock, and by a storage key whose
 * time to live is the wait (Forge may keep an expired key readable for a while, so the key alone could overrun;
 * and the local platform's clock is simulated, which only the storage's expiry follows).
 */
const settlingKey = (key: string): string => `${key}:settling`;

interface LockRecord {
  startedAt: number;
  /** When this or an earlier attempt sent the create; its outcome is unknown until the link is saved. */
  sentAt?: number;
  /** The id the create returned, when its reply arrived but the attempt ended before linking. */
  createdId?: string;
}

function parse(value: unknown): LockRecord | undefined {
  if (typeof value === 'number') return { startedAt: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.startedAt !== 'number') return undefined;
  return {
    startedAt: v.startedAt,
    ...(typeof v.sentAt === 'number' ? { sentAt: v.sentAt } : {}),
    ...(typeof v.createdId === 'string' ? { createdId: v.createdId } : {}),
  };
}

const busy = (message: string, retryAfterMs: number, code: string): RetryableError =>
  new RetryableError('server-error', message, { code, retryAfterMs });

export class CreationLock {
  private constructor(
    private readonly ctx: SyncContext,
    private readonly key: string,
    private record: LockRecord,
  ) {}

  /** Throws a RetryableError (with `retryAfterMs`) when another job holds the lock or search may still be stale. */
  static async acquire(ctx: SyncContext, key: string): Promise<CreationLock> {
    const now = ctx.now();
    const fresh: LockRecord = { startedAt: now };
    const unsentTtl = { ttlSeconds: UNSENT_STALE_MS / 1000 };
    if (await ctx.kv.setIfAbsent(key, { ...fresh }, unsentTtl)) return new CreationLock(ctx, key, fresh);
    const held = parse(await ctx.kv.get(key)) ?? fresh;
    if (held.sentAt === undefined && now - held.startedAt < UNSENT_STALE_MS) {
      throw busy('another job is creating this pair; trying again shortly', 30_000, 'app:creating');
    }
    const settling =
      held.sentAt !== undefined &&
      now < held.sentAt + SEARCH_SETTLE_MS &&
      (await ctx.kv.get(settlingKey(key))) !== undefined;
    if (held.sentAt !== undefined && held.createdId === undefined && settling) {
      throw busy(
        'an earlier attempt sent the create but its outcome is unknown; waiting until Jira search can see it before looking for it',
        Math.max(1000, held.sentAt + SEARCH_SETTLE_MS - now),
        'app:create-unconfirmed',
      );
    }
    // Taking over an abandoned or settled lock: only one retry may, so two cannot both search and create.
    if (!(await ctx.kv.setIfAbsent(`${key}:takeover:${held.startedAt}`, now, { ttlSeconds: LOCK_TTL_SECONDS }))) {
      throw busy('another job is creating this pair; trying again shortly', 30_000, 'app:creating');
    }
    // The wait is over, so the new holder keeps only what the search still needs: the id, when it is known.
    const record: LockRecord = {
      startedAt: now,
      ...(held.createdId === undefined ? {} : { createdId: held.createdId }),
    };
    await ctx.kv.set(key, { ...record }, held.createdId === undefined ? unsentTtl : { ttlSeconds: LOCK_TTL_SECONDS });
    return new CreationLock(ctx, key, record);
  }

  /** The issue an earlier attempt created, when its reply arrived: search for it by id, read-after-write. */
  get knownCreatedId(): string | undefined {
    return this.record.createdId;
  }

  get sent(): boolean {
    return this.record.sentAt !== undefined;
  }

  async markSent(): Promise<void> {
    this.record = { startedAt: this.record.startedAt, sentAt: this.ctx.now() };
    await this.ctx.kv.set(settlingKey(this.key), this.record.sentAt ?? 0, { ttlSeconds: SEARCH_SETTLE_MS / 1000 });
    await this.ctx.kv.set(this.key, { ...this.record }, { ttlSeconds: LOCK_TTL_SECONDS });
  }

  async markCreated(id: string): Promise<void> {
    this.record = { ...this.record, createdId: id };
    await this.ctx.kv.set(this.key, { ...this.record }, { ttlSeconds: LOCK_TTL_SECONDS });
  }

  /** Once the link is saved (or nothing was created for sure), the lock has done its job. */
  async release(): Promise<void> {
    await this.ctx.kv.delete(this.key);
    if (this.sent) await this.ctx.kv.delete(settlingKey(this.key));
  }
}
