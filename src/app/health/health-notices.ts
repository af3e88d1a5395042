/**
 * Health notices for the Connection tab and the issue panel: whether Bitrix24 events arrive, whether OAuth token
 * refreshes work, and whether jobs gave up. Each notice is a code with parameters; the page words it (English or
 * Russian) together with what to do, so nothing here is a sentence.
 */
import type { AppDeps } from '../deps';
import { SILENCE_MS, silentSince, WATCH_INTERVAL_MS } from '../reconcile/watch';
import { WatchStore } from '../reconcile/watch-store';
import { memberIdKnown } from '../store/connection';
import { type JournalEntry } from '../store/journal';
import { OAuthRefreshHealth } from './oauth-refresh';
import { storesOf } from '../store/stores';

export type HealthCode =
  | 'health.notConnected'
  | 'health.eventsArriving'
  | 'health.eventsSilent'
  | 'health.eventsNever'
  | 'health.oauthRefreshFailing'
  | 'health.jobsGaveUp'
  | 'health.appUninstalled'
  | 'health.memberIdUnknown';

export interface HealthNotice {
  code: HealthCode;
  level: 'ok' | 'warning' | 'error';
  /** Instants are epoch milliseconds; the page formats them. */
  params: Record<string, string | number>;
}

/** Jobs that gave up are looked for this far back (the Activity tab's "This week"). */
const GAVE_UP_WINDOW_MS = 7 * 24 * 3600_000;
/** Journal entries read per project: the notice must not slow the page down on a busy project. */
const JOURNAL_SCAN = 100;

async function eventNotice(deps: AppDeps): Promise<HealthNotice> {
  const quiet = await silentSince(deps);
  if (!quiet.connected) return { code: 'health.notConnected', level: 'warning', params: {} };
  const everyMinutes = WATCH_INTERVAL_MS / 60_000;
  if (deps.clock.now() - quiet.since < SILENCE_MS && quiet.lastEvent !== undefined) {
    return {
      code: 'health.eventsArriving',
      level: 'ok',
      params: { at: quiet.lastEvent.at, event: quiet.lastEvent.event },
    };
  }
  const watch = await new WatchStore(deps.kv).get();
  const checks = {
    everyMinutes,
    ...(watch.checkedAt === undefined ? {} : { checkedAt: watch.checkedAt }),
    ...(watch.foundAt === undefined ? {} : { foundAt: watch.foundAt }),
  };
  // An idle portal is silent too: the notice says so and says the app is checking for itself, without alarm.
  if (quiet.lastEvent === undefined)
    return { code: 'health.eventsNever', level: 'warning', params: { since: quiet.since, ...checks } };
  return { code: 'health.eventsSilent', level: 'warning', params: { since: quiet.since, ...checks } };
}

/** A failed entry that a later successful sync of the same task or issue has not made good. */
export function gaveUp(entries: JournalEntry[], since: number): JournalEntry[] {
  const synced = new Set<string>();
  const open: JournalEntry[] = [];
  // Newest first: a success seen before an older failure of the same subject resolves it.
  for (const e of entries) {
    if (e.at < since) break;
    const subjects = [e.taskId && `t:${e.taskId}`, e.issueId && `i:${e.issueId}`].filter((s): s is string => !!s);
    if (e.outcome === 'synced') subjects.forEach((s) => synced.add(s));
    else if (e.outcome === 'failed' && !subjects.some((s) => synced.has(s))) open.push(e);
  }
  return open;
}

async function gaveUpNotice(deps: AppDeps, projectKeys: string[]): Promise<HealthNotice | null> {
  const journal = storesOf(deps).journal;
  const since = deps.clock.now() - GAVE_UP_WINDOW_MS;
  const counts = await Promise.all(
    projectKeys.map(async (key) => ({
      key,
      count: gaveUp((await journal.list(key, { limit: JOURNAL_SCAN })).entries, since).length,
    })),
  );
  const hit = counts.filter((c) => c.count > 0);
  if (hit.length === 0) return null;
  return {
    code: 'health.jobsGaveUp',
    level: 'error',
    params: { count: hit.reduce((n, c) => n + c.count, 0), projects: hit.map((c) => c.key).join(', '), days: 7 },
  };
}

/**
 * What stops sync for the whole portal, before anything else: the app uninstalled there (nothing is deleted, a
 * reinstall resumes), or a webhook connection whose portal member_id is unknown (every event is refused).
 */
async function lifecycleNotice(deps: AppDeps): Promise<HealthNotice | null> {
  const connection = await storesOf(deps).connection.get();
  if (!connection) return null;
  if (connection.uninstalledAt !== undefined)
    return { code: 'health.appUninstalled', level: 'error', params: { at: connection.uninstalledAt } };
  if (connection.authMode === 'webhook' && !memberIdKnown(connection))
    return { code: 'health.memberIdUnknown', level: 'error', params: {} };
  return null;
}

/** Every notice that applies, the portal's lifecycle and then the events one first; `projectKeys` bounds the journal scan for jobs that gave up. */
export async function readHealth(deps: AppDeps, projectKeys: string[]): Promise<HealthNotice[]> {
  const [lifecycle, events, oauth, jobs] = await Promise.all([
    lifecycleNotice(deps),
    eventNotice(deps),
    new OAuthRefreshHealth(deps.kv, deps.clock).get(),
    gaveUpNotice(deps, projectKeys),
  ]);
  // An uninstalled app neither receives events nor looks for changes: the events notice would say otherwise.
  const notices =
    lifecycle?.code === 'health.appUninstalled' ? [lifecycle] : lifecycle ? [lifecycle, events] : [events];
  if (oauth)
    notices.push({
      code: 'health.oauthRefreshFailing',
      level: 'error',
      params: { since: oauth.since, lastAt: oauth.lastAt, reason: oauth.code },
    });
  if (jobs) notices.push(jobs);
  return notices;
}
