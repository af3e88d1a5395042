/**
 * Jira Data Center's rate limiting (8.6 and later; "Improving instance stability with rate limiting",
 * confluence.atlassian.com/adminjiraserver/improving-instance-stability-with-rate-limiting-983794911.html, and
 * "Adjusting your code for rate limiting", …/adjusting-your-code-for-rate-limiting-987143384.html): a token bucket
 * per user, off until an admin turns it on. The bucket holds at most "Max requests" tokens and gets "Requests
 * allowed" new ones every time interval, as one batch. Each REST request spends a token; with none left Jira answers
 * 429. Every authenticated request it affects carries X-RateLimit-Limit, X-RateLimit-Remaining,
 * X-RateLimit-Interval-Seconds, X-RateLimit-FillRate and retry-after ("If you still have tokens left, it shows 0").
 */
import type { Clock } from '../contracts';
import { JiraHttpError } from '../jira/errors';

export interface DcRateLimit {
  /** "Max requests": the bucket's size. */
  maxRequests: number;
  /** "Requests allowed": tokens added every interval. */
  fillRate: number;
  intervalSeconds: number;
}

/** The values the admin screen proposes when limiting is switched on ("Limit requests"): 10 every second, 100 max. */
export const DEFAULT_DC_RATE_LIMIT: DcRateLimit = { maxRequests: 100, fillRate: 10, intervalSeconds: 1 };

interface Bucket {
  tokens: number;
  lastFill: number;
}

export class DcRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private config: DcRateLimit | null = null;

  constructor(private readonly clock: Clock) {}

  /** `null` is "Allow unlimited requests", Jira's default. */
  configure(config: DcRateLimit | null): void {
    this.config = config;
    this.buckets.clear();
  }

  private bucket(user: string, config: DcRateLimit, now: number): Bucket {
    const intervalMs = config.intervalSeconds * 1000;
    const bucket = this.buckets.get(user) ?? { tokens: config.maxRequests, lastFill: now };
    const batches = Math.floor((now - bucket.lastFill) / intervalMs);
    if (batches > 0) {
      bucket.tokens = Math.min(config.maxRequests, bucket.tokens + batches * config.fillRate);
      bucket.lastFill += batches * intervalMs;
    }
    this.buckets.set(user, bucket);
    return bucket;
  }

  /** Spends one of `user`'s tokens; throws 429 when none is left. Returns the headers for the reply. */
  admit(user: string): Record<string, string> {
    const config = this.config;
    if (config === null) return {};
    const now = this.clock.now();
    const bucket = this.bucket(user, config, now);
    const headers = (remaining: number, retryAfter: number): Record<string, string> => ({
      'X-RateLimit-Limit': String(config.maxRequests),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Interval-Seconds': String(config.intervalSeconds),
      'X-RateLimit-FillRate': String(config.fillRate),
      'Retry-After': String(retryAfter),
    });
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((bucket.lastFill + config.intervalSeconds * 1000 - now) / 1000));
      throw new JiraHttpError(429, ['Rate limit exceeded.'], {}, headers(0, wait));
    }
    bucket.tokens -= 1;
    return headers(bucket.tokens, 0);
  }
}
