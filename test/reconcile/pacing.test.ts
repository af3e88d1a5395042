/** How the migration spreads its jobs so Bitrix24's 2 requests/s bucket is never overrun. */
import { nextPageDelay, paceJobs, SECONDS_PER_JOB } from '../../src/app/reconcile/pacing';

const items = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('migration pacing', () => {
  it('pushes a page in groups of five, each group later by five job slots', () => {
    const batches = paceJobs(items(12));
    expect(batches.map((b) => b.items.length)).toEqual([5, 5, 2]);
    expect(batches.map((b) => b.delaySeconds)).toEqual([
      0,
      Math.round(5 * SECONDS_PER_JOB),
      Math.round(10 * SECONDS_PER_JOB),
    ]);
  });

  it("starts after what earlier pages already queued, and never past Forge's 900 s delay cap", () => {
    expect(paceJobs(items(1), 30)[0]?.delaySeconds).toBe(30);
    expect(paceJobs(items(1000)).at(-1)?.delaySeconds).toBe(900);
  });

  it("lets the next page wait until this page's jobs had their slots; an empty page moves on at once", () => {
    expect(nextPageDelay(50)).toBe(Math.ceil(50 * SECONDS_PER_JOB));
    expect(nextPageDelay(0)).toBe(0);
    expect(nextPageDelay(10_000)).toBe(900);
  });
});
