/**
 * Versions already reconciled: entity id → the version it had. Jira: `updated` as Jira wrote it (milliseconds).
 * Bitrix24: CHANGED_DATE plus a fingerprint of the task's content (`taskVersion`), because CHANGED_DATE has whole
 * seconds: a task edited later in the second a run listed it keeps its CHANGED_DATE, and by the date alone that
 * edit would pass for the version already reconciled (and wait, its event lost, for the task's next edit). The
 * window overlaps the previous run on purpose; an entity still at the version the previous run enqueued was synced
 * then, so it is not enqueued again, and an idle world costs only the two list calls.
 */
import { z } from 'zod';
import type { B24Task } from '../../core/remote/b24';
import { hash53, stableStringify } from '../../core/sync/stable';

export const versionsSchema = z.record(z.string().max(64), z.string().max(64));
export type Versions = z.infer<typeof versionsSchema>;

/** Keeps the cursor and run records far below Forge's KVS value limit (~50 bytes each, 130 at most). */
export const MAX_REMEMBERED = 500;

/**
 * A listed task's version: CHANGED_DATE and a hash of everything else the row carries (every field the sync reads,
 * the mapped UF fields included when they were selected). Costs no call: the listing returns these fields anyway.
 */
export function taskVersion(task: B24Task): string {
  const { changedDate, ...content } = task;
  return `${changedDate}#${hash53(stableStringify(content))}`;
}

/** The instant a version stands for (its date part), NaN when it has none. */
const versionTime = (version: string): number => Date.parse(version.split('#')[0] ?? '');

/** The newest `MAX_REMEMBERED` versions (ISO times with the same offset sort as text; mixed ones by instant). */
export function trimVersions(versions: Versions, keepFrom?: number): Versions {
  const entries = Object.entries(versions)
    .map(([id, at]) => ({ id, at, ms: versionTime(at) }))
    .filter((e) => keepFrom === undefined || Number.isNaN(e.ms) || e.ms >= keepFrom)
    .sort((x, y) => (y.ms || 0) - (x.ms || 0))
    .slice(0, MAX_REMEMBERED);
  return Object.fromEntries(entries.map((e) => [e.id, e.at]));
}
