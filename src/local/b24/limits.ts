/**
 * Bitrix24's two limits (b24restdocs `limits.md`), Standard plan ("Others": 2 per second, 50 before blocking): a
 * leaky bucket per portal answering 503 QUERY_LIMIT_EXCEEDED, and operating time summed per method for the whole
 * portal ("this method is blocked for all applications and webhooks of that account") over ten one-minute buckets,
 * answering 429 OPERATION_TIME_LIMIT past 480 s in 10 minutes. A `batch` is one request against the bucket; each of
 * its commands spends operating time for its own method.
 */
import type { B24Limits, Clock } from '../contracts';

/**
 * Bitrix24 documents no execution time per method ("the resource consumption of your request is unpredictable on
 * the application side"): every executed command is assumed to take 0.2 s, so 2,400 commands of one method spend
 * its 480 s.
 */
export const DEFAULT_LIMITS: B24Limits = {
  bucketCapacity: 50,
  drainPerSecond: 2,
  operatingSecondsPer10Min: 480,
  secondsPerCommand: 0.2,
};

/** Simulated execution seconds per executed command (the same for every method: no documented cost). */
export function defaultCost(limits: B24Limits): (method: string) => number {
  return () => limits.secondsPerCommand;
}

export class LeakyBucket {
  private level = 0;
  private at: number;

  constructor(
    private readonly clock: Clock,
    private readonly limits: B24Limits,
  ) {
    this.at = clock.now();
  }

  /** False when the request would overflow the bucket; a refused request does not fill it. */
  take(): boolean {
    const now = this.clock.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.limits.drainPerSecond);
    this.at = now;
    if (this.level + 1 > this.limits.bucketCapacity) return false;
    this.level += 1;
    return true;
  }
}

const MINUTE = 60_000;

/**
 * Per method, portal-wide. Kept in whole milliseconds so that 2,400 × 0.2 s is exactly 480 s. Blocked once the
 * sum reaches the limit (the docs say "exceeds"; the stricter reading refuses the command that would run past it
 * with nothing left, i.e. the 2,401st at 0.2 s each).
 */
export class OperatingTime {
  /** method → minute index → milliseconds used */
  private readonly usage = new Map<string, Map<number, number>>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: B24Limits,
  ) {}

  private window(method: string): Map<number, number> {
    const key = method.toLowerCase();
    const minute = Math.floor(this.clock.now() / MINUTE);
    const buckets = this.usage.get(key) ?? new Map<number, number>();
    for (const m of buckets.keys()) if (m <= minute - 10) buckets.delete(m);
    this.usage.set(key, buckets);
    return buckets;
  }

  private usedMs(method: string): number {
    let sum = 0;
    for (const ms of this.window(method).values()) sum += ms;
    return sum;
  }

  /** Seconds of operating time `method` has spent in the last ten minutes (the envelope's `time.operating`). */
  used(method: string): number {
    return this.usedMs(method) / 1000;
  }

  blocked(method: string): boolean {
    return this.usedMs(method) >= Math.round(this.limits.operatingSecondsPer10Min * 1000);
  }

  record(method: string, seconds: number): void {
    const buckets = this.window(method);
    const minute = Math.floor(this.clock.now() / MINUTE);
    buckets.set(minute, (buckets.get(minute) ?? 0) + Math.round(seconds * 1000));
  }

  /** Unix seconds when the oldest minute still counted leaves the window. */
  resetAt(method: string): number {
    const minutes = [...this.window(method).keys()];
    const oldest = minutes.length ? Math.min(...minutes) : Math.floor(this.clock.now() / MINUTE);
    return Math.floor(((oldest + 10) * MINUTE) / 1000);
  }
}
