/**
 * Jira Cloud's burst limit (per caller) and per-issue write limit, both answered with 429 + Retry-After, on the
 * injected clock only. Windows are sliding: a caller who waits Retry-After seconds is always let through.
 */
import type { Clock, JiraLimits } from '../contracts';
import { JiraHttpError } from './errors';

export const defaultJiraLimits: JiraLimits = {
  requestsPerSecond: 100,
  issueWritesPer2s: 20,
  issueWritesPer30s: 100,
  attachmentMaxBytes: 10 * 1024 * 1024,
  searchLagMs: 0,
  quotaPointsPerHour: 65_000,
};

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until a slot frees up, or 0 when `key` may proceed now. */
  waitMs(key: string, now: number): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, recent);
    const oldest = recent[recent.length - this.limit];
    return recent.length >= this.limit && oldest !== undefined ? oldest + this.windowMs - now : 0;
  }

  remaining(key: string): number {
    return Math.max(0, this.limit - (this.hits.get(key)?.length ?? 0));
  }

  record(key: string, now: number): void {
    this.hits.set(key, [...(this.hits.get(key) ?? []), now]);
  }
}

function tooMany(waitMs: number, now: number, limit: number, reason: string): JiraHttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const reset = new Date(now + seconds * 1000).toISOString().slice(0, 16) + 'Z';
  return new JiraHttpError(
    429,
    ['Rate limit exceeded.'],
    {},
    {
      'Retry-After': String(seconds),
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': reset,
      'RateLimit-Reason': reason,
    },
  );
}

export class JiraRateLimiter {
  private readonly burst: SlidingWindow;
  private readonly issue2s: SlidingWindow;
  private readonly issue30s: SlidingWindow;

  constructor(
    private readonly clock: Clock,
    readonly limits: JiraLimits,
  ) {
    this.burst = new SlidingWindow(limits.requestsPerSecond, 1000);
    this.issue2s = new SlidingWindow(limits.issueWritesPer2s, 2000);
    this.issue30s = new SlidingWindow(limits.issueWritesPer30s, 30_000);
  }

  /** Counts one request for `bucket`; throws 429 when over the per-second rate. Returns headers for the reply. */
  admitRequest(bucket: string): Record<string, string> {
    const now = this.clock.now();
    const wait = this.burst.waitMs(bucket, now);
    if (wait > 0) throw tooMany(wait, now, this.limits.requestsPerSecond, 'jira-burst-based');
    this.burst.record(bucket, now);
    // X-RateLimit-NearLimit is the hourly quota's ("Not used for request rate limiting"): see quota.ts.
    return {
      'X-RateLimit-Limit': String(this.limits.requestsPerSecond),
      'X-RateLimit-Remaining': String(this.burst.remaining(bucket)),
    };
  }

  /** Counts one write to `issueId`; throws 429 past 20 writes per 2 s or 100 per 30 s (defaults). */
  admitIssueWrite(issueId: string): void {
    const now = this.clock.now();
    const wait2 = this.issue2s.waitMs(issueId, now);
    if (wait2 > 0) throw tooMany(wait2, now, this.limits.issueWritesPer2s, 'jira-per-issue-on-write');
    const wait30 = this.issue30s.waitMs(issueId, now);
    if (wait30 > 0) throw tooMany(wait30, now, this.limits.issueWritesPer30s, 'jira-per-issue-on-write');
    this.issue2s.record(issueId, now);
    this.issue30s.record(issueId, now);
  }
}
