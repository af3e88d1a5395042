/**
 * Sign-in throttling, per client address and for the account: after a few failures within a window, further
 * attempts are refused without checking the password until the window has passed. Counts live in the key-value
 * store, so several instances share them; increments are not atomic, which can let a burst through a few attempts
 * past the limit, never lock anyone out for good.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';

export interface ThrottleLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

/** Ten guesses per address and thirty on the account per quarter hour: a person never meets them, a script soon does. */
export const DEFAULT_LIMITS: ThrottleLimits = { perAddress: 10, perAccount: 30, windowMs: 15 * 60_000 };

const countSchema = z.object({ failures: z.number().int().min(0), since: z.number() });
const keyOf = (kind: 'address' | 'account', value: string): string =>
  `service:login-failures:${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;

export class LoginThrottle {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {}

  private async count(key: string): Promise<{ failures: number; since: number }> {
    const parsed = countSchema.safeParse(await this.kv.get(key));
    if (!parsed.success || this.now() - parsed.data.since >= this.limits.windowMs)
      return { failures: 0, since: this.now() };
    return parsed.data;
  }

  /** Milliseconds until an attempt is allowed again, 0 when it is allowed now. */
  async waitMs(address: string, account: string): Promise<number> {
    const [byAddress, byAccount] = await Promise.all([
      this.count(keyOf('address', address)),
      this.count(keyOf('account', account)),
    ]);
    const waits = [
      byAddress.failures >= this.limits.perAddress ? byAddress.since + this.limits.windowMs - this.now() : 0,
      byAccount.failures >= this.limits.perAccount ? byAccount.since + this.limits.windowMs - this.now() : 0,
    ];
    return Math.max(0, ...waits);
  }

  async failed(address: string, account: string): Promise<void> {
    const ttlSeconds = Math.ceil(this.limits.windowMs / 1000);
    for (const key of [keyOf('address', address), keyOf('account', account)]) {
      const current = await this.count(key);
      await this.kv.set(key, { failures: current.failures + 1, since: current.since }, { ttlSeconds });
    }
  }

  /** A success clears the address's count; the account's stays, so one right guess does not reopen a flood. */
  async succeeded(address: string): Promise<void> {
    await this.kv.delete(keyOf('address', address));
  }
}
