/**
 * The five-minute watch: Bitrix24 never retries an event delivery, and the web trigger may refuse its form body
 * (see README, "Limitations"), so events can stop without anyone noticing. While verified events arrive the watch
 * costs no REST call. After SILENCE_MS without one, each tick makes one list call for tasks of the paired workgroups
 * changed since the newest change it saw, and runs the reconcile scan only when something changed.
 */
import type { B24Task } from '../../core/remote/b24';
import { pairingListed } from '../../core/workgroup-access';
import type { AppDeps } from '../deps';
import { readWorkgroupAccess } from '../pairing-access';
import { reconcileAll, type ReconcileResult } from './reconcile';
import { WatchStore, type WatchState } from './watch-store';
import { taskVersion } from './versions';
import { b24FilterDate } from '../../core/remote/queries';
import { storesOf } from '../store/stores';

/** A listed task as the watch compares it: its CHANGED_DATE and its version (versions.ts). */
interface Row {
  id: string;
  changedDate: string;
  version: string;
}

const rowOf = (task: B24Task): Row => ({ id: task.id, changedDate: task.changedDate, version: taskVersion(task) });

/** Events are "silent" after this long without a verified one; the next tick then looks for itself. */
export const SILENCE_MS = 10 * 60_000;
/** The scheduled trigger's interval (manifest.yml `fiveMinute`), shown to people as "checking every 5 minutes". */
export const WATCH_INTERVAL_MS = 5 * 60_000;

export type WatchResult =
  | { status: 'not-connected' | 'no-pairs' }
  | { status: 'events-arriving'; lastEventAt: number }
  | { status: 'unchanged'; silentSince: number }
  | { status: 'reconciled'; silentSince: number; changes: number; results: ReconcileResult[] };

/** The instant events went quiet: the last verified event, or the connection itself when none ever came. */
export async function silentSince(
  deps: AppDeps,
): Promise<{ connected: false } | { connected: true; since: number; lastEvent?: { at: number; event: string } }> {
  const store = storesOf(deps).connection;
  const [connection, last] = await Promise.all([store.get(), store.lastEventArrival()]);
  if (!connection) return { connected: false };
  return last
    ? { connected: true, since: last.at, lastEvent: last }
    : { connected: true, since: connection.connectedAt };
}

/** Only workgroups listed for their project: an unlisted one's tasks are not even listed here. */
async function pairedGroups(deps: AppDeps): Promise<string[]> {
  const configs = storesOf(deps).configs;
  const access = await readWorkgroupAccess(deps);
  const groups = await Promise.all(
    (await configs.list()).map(async (key) => {
      const config = await configs.get(key);
      return config && pairingListed(access, config.b24GroupId, config.projectKey) ? config.b24GroupId : undefined;
    }),
  );
  return [...new Set(groups.filter((g): g is string => g !== undefined))];
}

/** Rows newer than the mark, or at the mark but not at a version seen there. */
function newChanges(rows: Row[], state: WatchState): Row[] {
  if (state.mark === undefined) return rows;
  return rows.filter((r) => {
    const at = Date.parse(r.changedDate);
    return Number.isNaN(at) || at > (state.mark ?? 0) || (at === state.mark && state.markVersions[r.id] !== r.version);
  });
}

function nextMark(rows: Row[], state: WatchState): Pick<WatchState, 'mark' | 'markVersions'> {
  const times = rows.map((r) => Date.parse(r.changedDate)).filter((t) => !Number.isNaN(t));
  if (times.length === 0)
    return { markVersions: state.markVersions, ...(state.mark === undefined ? {} : { mark: state.mark }) };
  const mark = Math.max(...times, state.mark ?? -Infinity);
  const here = Object.fromEntries(rows.filter((r) => Date.parse(r.changedDate) === mark).map((r) => [r.id, r.version]));
  return { mark, markVersions: mark === state.mark ? { ...state.markVersions, ...here } : here };
}

export async function watchB24Events(deps: AppDeps): Promise<WatchResult> {
  const quiet = await silentSince(deps);
  if (!quiet.connected) return { status: 'not-connected' };
  const now = deps.clock.now();
  if (now - quiet.since < SILENCE_MS) return { status: 'events-arriving', lastEventAt: quiet.since };
  const groups = await pairedGroups(deps);
  if (groups.length === 0) return { status: 'no-pairs' };
  const store = new WatchStore(deps.kv);
  const state = await store.get();
  // `>=` rather than `>`: Bitrix24 dates have whole seconds, so a task changed in the mark's second after the last
  // look would be skipped by `>`; the versions kept at the mark tell that one apart from those already seen (the
  // same task edited again in that second too, which ids alone could not).
  const filter = {
    GROUP_ID: groups,
    ...(state.mark === undefined ? {} : { '>=CHANGED_DATE': b24FilterDate(state.mark) }),
  };
  const rows = (await deps.b24.listTasks({ filter, order: { CHANGED_DATE: 'desc' }, start: -1 })).tasks.map(rowOf);
  const changes = newChanges(rows, state);
  if (changes.length === 0) {
    await store.save({ ...state, checkedAt: now });
    return { status: 'unchanged', silentSince: quiet.since };
  }
  const results = await reconcileAll(deps);
  // A project whose scan failed keeps the old mark, so the next tick finds the same change and tries again.
  const failed = results.some((r) => r.status === 'failed');
  await store.save({ ...(failed ? state : { ...state, ...nextMark(rows, state) }), checkedAt: now, foundAt: now });
  deps.log.info('events from Bitrix24 are silent: changes found and reconciled', {
    silentSince: quiet.since,
    changes: changes.length,
  });
  return { status: 'reconciled', silentSince: quiet.since, changes: changes.length, results };
}
