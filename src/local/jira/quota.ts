/**
 * Jira Cloud's points-based hourly quota for apps (developer.atlassian.com/cloud/jira/platform/rate-limiting, the
 * page as last updated Aug 12, 2026): Tier 1, "Your app shares a single 65,000 point hourly quota across all
 * tenants", "measured in points per hour and reset at the top of each UTC hour"; once spent, "All requests are
 * denied until the next hourly reset. There is no gradual throttling." Only the app's traffic counts (asApp and
 * asUser through Forge); a person's API-token traffic "is not affected". The emulator serves one site, so the global
 * pool is this installation's pool.
 */
import type { Clock } from '../contracts';
import { JiraHttpError } from './errors';

const HOUR_MS = 3_600_000;
/** "X-RateLimit-NearLimit: Returns true when less than 20% of capacity remains." */
const NEAR_LIMIT_SHARE = 0.2;
const POLICY = 'global-app-quota';
const QUOTA_REASON = 'jira-quota-global-based';

/** "Identity & access … 2 points: Users, Groups, Project Roles, Permissions". */
const IDENTITY_PATH =
  /\/rest\/api\/3\/(user|users|myself|group|groups|groupuserpicker|mypermissions|permissions|permissionscheme|role|project\/[^/]+\/role)(\/|$)/;
/** POST routes that only read: charged as reads (stricter than "POST … 1 point", which names writes). */
const READ_BY_POST = /\/rest\/api\/3\/(search\/jql|issue\/bulkfetch|search\/approximate-count|expression\/evaluate)$/;
/** List keys of Jira's paged and collection replies: each element is one object read. */
const LIST_KEYS = ['issues', 'values', 'comments', 'transitions', 'issueTypes', 'fields', 'worklogs'] as const;

/** How many objects a read reply carries: a list's elements, else one object; an empty reply none. */
function objectsRead(body: unknown): number {
  if (body === null || body === undefined) return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const record = body as Record<string, unknown>;
  for (const key of LIST_KEYS) {
    const list = record[key];
    if (Array.isArray(list)) return list.length;
  }
  return 1;
}

function isReadRequest(method: string, path: string): boolean {
  return method === 'GET' || (method === 'POST' && READ_BY_POST.test(path));
}

/**
 * Points of one answered request: "Each request starts with a base cost of 1 point, and additional points are added
 * for each object involved. Write requests are charged only the base cost" (so a bulk create is 1 point: "Combine
 * multiple changes into a single request to reduce overall quota consumption"). Reads: core objects 1 each,
 * identity objects 2 each. A refused request (4xx/5xx) is charged its base point only.
 */
export function pointsFor(method: string, path: string, status: number, body: unknown): number {
  if (status >= 400 || !isReadRequest(method, path)) return 1;
  const perObject = IDENTITY_PATH.test(path) ? 2 : 1;
  return 1 + perObject * objectsRead(body);
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

export class JiraPointsQuota {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly clock: Clock,
    readonly pointsPerHour: number,
  ) {}

  private roll(): number {
    const now = this.clock.now();
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    return now;
  }

  /** Points left in the current UTC hour (never negative; the last admitted read may overshoot). */
  remaining(): number {
    this.roll();
    return Math.max(0, this.pointsPerHour - this.used);
  }

  /** Throws the documented 429 while the hour's points are spent; a request is admitted while any point is left. */
  admit(): void {
    const now = this.roll();
    if (this.used < this.pointsPerHour) return;
    const reset = this.windowStart + HOUR_MS;
    const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
    throw new JiraHttpError(
      429,
      ['Rate limit exceeded.'],
      {},
      {
        'Retry-After': String(seconds),
        'X-RateLimit-Limit': String(this.pointsPerHour),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': isoMinute(reset),
        'RateLimit-Reason': QUOTA_REASON,
        'RateLimit-Policy': `"${POLICY}";q=${this.pointsPerHour};w=3600`,
        RateLimit: `"${POLICY}";r=0;t=${seconds}`,
      },
    );
  }

  charge(points: number): void {
    this.roll();
    this.used += points;
  }

  /** The quota headers of an answered request: the policy, the seconds to reset, `r` and NearLimit past 80 % used. */
  headers(): Record<string, string> {
    const now = this.roll();
    const left = Math.max(0, this.pointsPerHour - this.used);
    const t = Math.max(0, Math.ceil((this.windowStart + HOUR_MS - now) / 1000));
    const near = left < this.pointsPerHour * NEAR_LIMIT_SHARE;
    return {
      'RateLimit-Policy': `"${POLICY}";q=${this.pointsPerHour};w=3600`,
      RateLimit: near ? `"${POLICY}";r=${left};t=${t}` : `"${POLICY}";t=${t}`,
      ...(near ? { 'X-RateLimit-NearLimit': 'true' } : {}),
    };
  }
}
