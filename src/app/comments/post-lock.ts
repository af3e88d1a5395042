/**
 * The lock around posting one comment's mirror. Neither side's comment add is idempotent, so the lock does two
 * jobs. It keeps two jobs holding the same comment (the event's and reconciliation's) from both posting it. And it
 * remembers that a post was sent: an attempt that ends without knowing whether its post landed (the reply was lost,
 * the instance was killed, the invocation timed out) leaves the lock "in doubt", and whoever takes it over reads
 * the other side's comments for the mirror before posting again (./landed.ts). Comment reads are strongly
 * consistent on both sides, so unlike an issue create no settling wait is needed.
 *
 * A holder that never reports back is taken to be gone once one job attempt's time is up (`attemptLimitMs`): the
 * platform has ended it by then, and its retry is the job that takes over.
 */
import { RetryableError } from '../../core/errors';
import type { SyncContext } from '../sync-context';

/** Long enough to outlive every retry of a post whose outcome is unknown. */
const LOCK_TTL_SECONDS = 24 * 3600;
/** A second job that finds the lock taken over under it tries again this much later. */
const TAKEN_RETRY_MS = 30_000;

interface PostRecord {
  startedAt: number;
  /** When the earliest post still in doubt was sent: an attempt sent it, then ended without linking it. */
  doubtSince?: number;
  /** The holder ended (with an error) and nobody is posting: the next attempt may take over at once. */
  released?: boolean;
}

function parse(value: unknown): PostRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.startedAt !== 'number') return undefined;
  return {
    startedAt: v.startedAt,
    ...(typeof v.doubtSince === 'number' ? { doubtSince: v.doubtSince } : {}),
    ...(v.released === true ? { released: true } : {}),
  };
}

const busy = (retryAfterMs: number): RetryableError =>
  new RetryableError('server-error', 'another job is posting this comment; trying again shortly', {
    code: 'app:comment-posting',
    retryAfterMs,
  });

const toJson = (r: PostRecord): { [k: string]: number | boolean } => ({ ...r });

export class CommentPostLock {
  private constructor(
    private readonly ctx: SyncContext,
    private readonly key: string,
    private record: PostRecord,
  ) {}

  /** Throws a RetryableError (with `retryAfterMs`) while another attempt may still be posting. */
  static async acquire(ctx: SyncContext, key: string): Promise<CommentPostLock> {
    const now = ctx.now();
    const fresh: PostRecord = { startedAt: now };
    const ttl = { ttlSeconds: LOCK_TTL_SECONDS };
    if (await ctx.kv.setIfAbsent(key, toJson(fresh), ttl)) return new CommentPostLock(ctx, key, fresh);
    const held = parse(await ctx.kv.get(key)) ?? fresh;
    const limit = ctx.attemptLimitMs;
    if (!held.released && now - held.startedAt < limit) throw busy(Math.max(1000, held.startedAt + limit - now));
    // Taking over: only one job may, so two cannot both look, find nothing and both post.
    if (!(await ctx.kv.setIfAbsent(`${key}:takeover:${held.startedAt}`, now, ttl))) throw busy(TAKEN_RETRY_MS);
    const record: PostRecord = {
      startedAt: now,
      ...(held.doubtSince === undefined ? {} : { doubtSince: held.doubtSince }),
    };
    await ctx.kv.set(key, toJson(record), ttl);
    return new CommentPostLock(ctx, key, record);
  }

  /** Set when an earlier attempt may have posted: look on the other side before posting. */
  get inDoubt(): boolean {
    return this.record.doubtSince !== undefined;
  }

  /** Said before each post, so an attempt that dies after it leaves the lock in doubt. */
  async sending(): Promise<void> {
    if (this.record.doubtSince !== undefined) return;
    this.record = { ...this.record, doubtSince: this.ctx.now() };
    await this.ctx.kv.set(this.key, toJson(this.record), { ttlSeconds: LOCK_TTL_SECONDS });
  }

  /** Once the link is saved, the lock has done its job. */
  async release(): Promise<void> {
    await this.ctx.kv.delete(this.key);
  }

  /** The attempt failed: nobody posts now, and the next attempt looks first if anything may have been sent. */
  async abandon(): Promise<void> {
    if (this.record.doubtSince === undefined) return this.ctx.kv.delete(this.key);
    await this.ctx.kv.set(this.key, toJson({ ...this.record, released: true }), { ttlSeconds: LOCK_TTL_SECONDS });
  }
}

/** Runs `post` under the comment's lock: released when it succeeds, left for the retry (in doubt or not) when not. */
export async function postOnce(
  ctx: SyncContext,
  key: string,
  post: (lock: CommentPostLock) => Promise<void>,
): Promise<void> {
  const lock = await CommentPostLock.acquire(ctx, key);
  try {
    await post(lock);
  } catch (error) {
    await lock.abandon();
    throw error;
  }
  await lock.release();
}
