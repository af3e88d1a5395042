/**
 * How long the next page waits, so the migration keeps to every quota without sleeping inside a function. Each
 * quota is a window: at most `limit` units in any `windowSeconds`. The pacer keeps what each page spent and when
 * (storage, one record per project), and lets the next page start at the first instant at which every quota it
 * uses can take another page like the previous one. Figures: src/core/migration/cost.ts.
 * - Bitrix24 operating time, per method: 0.2 s a command, 480 s in any 10 minutes.
 * - Bitrix24's bucket: 2 requests a second after a burst of 50 (as 50 in any 25 s).
 * - Jira's points: pointsPerHour in any hour. The Forge queue: each entity written in Bitrix24 fires an event,
 *   500 a minute.
 * Sides alternate page by page, so one side's Bitrix24 method recovers while the other side's runs.
 */
import { z } from 'zod';
import { DEFAULT_LIMITS, type MigrationLimits } from '../../core/migration/cost';
import { MAX_QUEUE_DELAY_SECONDS } from '../../ports/queue';
import type { KeyValueStore } from '../../ports/store';

export interface PageSpend {
  b24Commands: Record<string, number>;
  b24Requests: number;
  jiraPoints: number;
  events: number;
}

interface Quota {
  limit: number;
  windowMs: number;
}

/** Per resource, what each page spent and when: `[at, units]`. */
const spentSchema = z.record(z.string(), z.array(z.tuple([z.number(), z.number()])));
type Spent = z.infer<typeof spentSchema>;

function quotaOf(name: string, l: MigrationLimits): Quota {
  switch (name) {
    case 'b24:requests':
      return { limit: l.b24Burst, windowMs: (l.b24Burst / l.b24RequestsPerSecond) * 1000 };
    case 'jira:points':
      return { limit: l.jiraPointsPerHour, windowMs: 3_600_000 };
    case 'forge:events':
      return { limit: l.queueEventsPerMinute, windowMs: 60_000 };
    default:
      return { limit: l.b24OperatingSecondsPerWindow, windowMs: l.b24WindowSeconds * 1000 };
  }
}

function spentUnits(spend: PageSpend, l: MigrationLimits): [string, number][] {
  return [
    ...Object.entries(spend.b24Commands).map(([method, n]): [string, number] => [
      `b24:${method}`,
      n * l.b24SecondsPerCommand,
    ]),
    ['b24:requests', spend.b24Requests],
    ['jira:points', spend.jiraPoints],
    ['forge:events', spend.events],
  ];
}

const paceKey = (projectKey: string): string => `mpace:${projectKey.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

/** The first instant ≥ now at which `next` more units fit in the window. */
function readyAt(entries: [number, number][], quota: Quota, next: number, now: number): number {
  const live = entries.filter(([at]) => at > now - quota.windowMs).sort((a, b) => a[0] - b[0]);
  let used = live.reduce((sum, [, units]) => sum + units, 0);
  let at = now;
  for (const [spentAt, units] of live) {
    if (used + next <= quota.limit) break;
    used -= units;
    at = spentAt + quota.windowMs;
  }
  return at;
}

/** Records what this page spent; returns the seconds before the next page, which uses what `nextUses` says. */
export async function paceAfterPage(
  kv: KeyValueStore,
  projectKey: string,
  now: number,
  spend: PageSpend,
  nextUses: (resource: string) => boolean,
  limits: MigrationLimits = DEFAULT_LIMITS,
): Promise<number> {
  const stored = spentSchema.safeParse(await kv.get(paceKey(projectKey)));
  const spent: Spent = stored.success ? { ...stored.data } : {};
  for (const [name, units] of spentUnits(spend, limits)) {
    const entries = (spent[name] ?? []).filter(([at]) => at > now - quotaOf(name, limits).windowMs);
    // A page that spent nothing here is recorded too: the next one is then expected to spend nothing either.
    spent[name] = [...entries, [now, units]];
  }
  await kv.set(paceKey(projectKey), spent, { ttlSeconds: 24 * 3600 });
  let start = now;
  for (const [name, entries] of Object.entries(spent)) {
    // The next page is expected to spend what the last one of its kind did: the latest entry.
    const expected = entries.at(-1)?.[1] ?? 0;
    if (nextUses(name)) start = Math.max(start, readyAt(entries, quotaOf(name, limits), expected, now));
  }
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil((start - now) / 1000));
}
