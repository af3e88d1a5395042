/**
 * The comment post lock: one job posts a comment at a time, a holder that vanished (its instance killed, its
 * invocation ended) is taken over once one attempt's time is up, and a post that may have landed is looked for
 * before it is posted again.
 */
import { RetryableError } from '../../../src/core/errors';
import { CommentPostLock, postOnce } from '../../../src/app/comments/post-lock';
import { SyncContext } from '../../../src/app/sync-context';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

const KEY = 'cclaim:b24:42-7';
const LIMIT_MS = 30_000;

function world(): { deps: MemoryDeps; ctx: () => Promise<SyncContext> } {
  const deps = { ...memoryDeps(), attemptLimitMs: LIMIT_MS } as MemoryDeps;
  return { deps, ctx: () => SyncContext.create(deps) };
}

const retryAfter = (error: unknown): number | undefined =>
  error instanceof RetryableError ? error.retryAfterMs : undefined;

describe('the comment post lock', () => {
  it('keeps a second job out while the first may still be posting, and says when to try again', async () => {
    const { deps, ctx } = world();
    await CommentPostLock.acquire(await ctx(), KEY);
    deps.advance(10_000);
    const second = CommentPostLock.acquire(await ctx(), KEY);
    await expect(second).rejects.toBeInstanceOf(RetryableError);
    expect(retryAfter(await second.catch((e: unknown) => e))).toBe(20_000);
  });

  it('is taken over once a holder that never reported back is past one attempt, not in doubt if it sent nothing', async () => {
    const { deps, ctx } = world();
    await CommentPostLock.acquire(await ctx(), KEY);
    deps.advance(LIMIT_MS);
    const next = await CommentPostLock.acquire(await ctx(), KEY);
    expect(next.inDoubt).toBe(false);
  });

  it('is in doubt for whoever takes over from a holder killed after it sent', async () => {
    const { deps, ctx } = world();
    const killed = await CommentPostLock.acquire(await ctx(), KEY);
    await killed.sending();
    deps.advance(LIMIT_MS);
    const next = await CommentPostLock.acquire(await ctx(), KEY);
    expect(next.inDoubt).toBe(true);
    // Still in doubt if the one taking over is killed in turn before it looked.
    deps.advance(LIMIT_MS);
    expect((await CommentPostLock.acquire(await ctx(), KEY)).inDoubt).toBe(true);
  });

  it('lets only one of two jobs take over an abandoned lock', async () => {
    const { deps, ctx } = world();
    await CommentPostLock.acquire(await ctx(), KEY);
    deps.advance(LIMIT_MS);
    const both = await Promise.allSettled([
      CommentPostLock.acquire(await ctx(), KEY),
      CommentPostLock.acquire(await ctx(), KEY),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('after a failed post that may have landed, lets the retry in at once, in doubt', async () => {
    const { ctx } = world();
    const lost = postOnce(await ctx(), KEY, async (lock) => {
      await lock.sending();
      throw new RetryableError('network', 'the reply was lost', { code: 'test:lost' });
    });
    await expect(lost).rejects.toThrow('the reply was lost');
    let doubted: boolean | undefined;
    await postOnce(await ctx(), KEY, (lock) => {
      doubted = lock.inDoubt;
      return Promise.resolve();
    });
    expect(doubted).toBe(true);
  });

  it('after a failure before anything was sent, lets the retry in at once, not in doubt', async () => {
    const { deps, ctx } = world();
    await expect(
      postOnce(await ctx(), KEY, () =>
        Promise.reject(new RetryableError('network', 'the read failed', { code: 'test:read' })),
      ),
    ).rejects.toThrow('the read failed');
    expect(deps.kv.data.has(KEY)).toBe(false);
  });

  it('is gone once the post succeeded', async () => {
    const { deps, ctx } = world();
    await postOnce(await ctx(), KEY, async (lock) => lock.sending());
    expect(deps.kv.data.has(KEY)).toBe(false);
  });
});
