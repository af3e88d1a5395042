/**
 * Forge's rate of user-led invocations (developer.atlassian.com/platform/forge/limits-invocation, last updated
 * Jan 13, 2026): "applied on a fixed one-minute window", 1,200 per user on an installation and 5,000 across all
 * users of an installation (the 30,000 per app across installations needs several sites, which the local platform
 * does not have). Forge documents no error for a refused invocation, so the one thrown here names the limit. Only
 * user-led invocations (UI resolvers) count: triggers, consumers and scheduled functions are not user-led, and the
 * migration runs in consumers, paced against the async-events rate instead (queue-rate.ts).
 */
import type { Clock } from '../contracts';

export const INVOCATIONS_PER_USER_MINUTE = 1_200;
export const INVOCATIONS_PER_INSTALL_MINUTE = 5_000;
const MINUTE = 60_000;

export class InvocationRateLimitError extends Error {
  constructor(readonly scope: 'user' | 'installation') {
    const limit = scope === 'user' ? INVOCATIONS_PER_USER_MINUTE : INVOCATIONS_PER_INSTALL_MINUTE;
    super(`Too many requests: Forge allows ${limit.toLocaleString('en-US')} invocations a minute per ${scope}`);
    this.name = 'RATE_LIMIT_EXCEEDED';
  }
}

export class InvocationRateLimit {
  private minute = -1;
  private perUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly clock: Clock) {}

  /** Counts one user-led invocation, or throws (and counts nothing) when its minute is full. */
  admit(accountId: string): void {
    const minute = Math.floor(this.clock.now() / MINUTE);
    if (minute !== this.minute) {
      this.minute = minute;
      this.perUser = new Map();
      this.total = 0;
    }
    const mine = this.perUser.get(accountId) ?? 0;
    if (mine >= INVOCATIONS_PER_USER_MINUTE) throw new InvocationRateLimitError('user');
    if (this.total >= INVOCATIONS_PER_INSTALL_MINUTE) throw new InvocationRateLimitError('installation');
    this.perUser.set(accountId, mine + 1);
    this.total += 1;
  }
}
