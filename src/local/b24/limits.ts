/**
 * Bitrix24's two limits (limits.md): a leaky bucket per portal answering 503 QUERY_LIMIT_EXCEEDED, and an
 * operating-time budget per method and per app/webhook, summed over ten one-minute buckets, answering 429.
 */
import type { B24Limits, Clock } from '../contracts';

export const DEFAULT_LIMITS: B24Limits = { bucketCapacity: 50, drainPerSecond: 2, operatingSecondsPer10Min: 480 };

/** Simulated execution seconds per call: lists cost more than point reads or writes. */
export function defaultCost(method: string): number {
  return /\.(list|getlist|get)$/i.test(method) && !method.startsWith('tasks.task.get') ? 0.05 : 0.02;
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

export class OperatingTime {
  /** key `principal|method` → minute index → seconds used */
  private readonly usage = new Map<string, Map<number, number>>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: B24Limits,
  ) {}

  private window(key: string): Map<number, number> {
    const minute = Math.floor(this.clock.now() / MINUTE);
    const buckets = this.usage.get(key) ?? new Map<number, number>();
    for (const m of buckets.keys()) if (m <= minute - 10) buckets.delete(m);
    this.usage.set(key, buckets);
    return buckets;
  }

  used(principal: string, method: string): number {
    let sum = 0;
    for (const s of this.window(`${principal}|${method}`).values()) sum += s;
    return sum;
  }

  blocked(principal: string, method: string): boolean {
    return this.used(principal, method) >= this.limits.operatingSecondsPer10Min;
  }

  record(principal: string, method: string, seconds: number): void {
    const buckets = this.window(`${principal}|${method}`);
    const minute = Math.floor(this.clock.now() / MINUTE);
    buckets.set(minute, (buckets.get(minute) ?? 0) + seconds);
  }

  /** Unix seconds when the oldest minute still counted leaves the window. */
  resetAt(principal: string, method: string): number {
    const minutes = [...this.window(`${principal}|${method}`).keys()];
    const oldest = minutes.length ? Math.min(...minutes) : Math.floor(this.clock.now() / MINUTE);
    return Math.floor(((oldest + 10) * MINUTE) / 1000);
  }
}
