/**
 * Versions already reconciled: entity id → the change time it had (Bitrix24 CHANGED_DATE, Jira `updated`, as the
 * remote wrote them). The window overlaps the previous run on purpose; an entity still at the version the previous
 * run enqueued was synced then, so it is not enqueued again, and an idle world costs only the two list calls.
 */
import { z } from 'zod';

export const versionsSchema = z.record(z.string().max(64), z.string().max(64));
export type Versions = z.infer<typeof versionsSchema>;

/** Keeps the cursor and run records far below Forge's KVS value limit (~40 bytes each, 130 at most). */
export const MAX_REMEMBERED = 500;

/** The newest `MAX_REMEMBERED` versions (ISO times with the same offset sort as text; mixed ones by instant). */
export function trimVersions(versions: Versions, keepFrom?: number): Versions {
  const entries = Object.entries(versions)
    .map(([id, at]) => ({ id, at, ms: Date.parse(at) }))
    .filter((e) => keepFrom === undefined || Number.isNaN(e.ms) || e.ms >= keepFrom)
    .sort((x, y) => (y.ms || 0) - (x.ms || 0))
    .slice(0, MAX_REMEMBERED);
  return Object.fromEntries(entries.map((e) => [e.id, e.at]));
}
