/**
 * The hourly reconciliation and the initial migration must not work the same entities: while a migration runs,
 * reconciliation of that project waits (the migration pairs everything it lists, and a reconcile pass would read
 * each entity the migration touches and create, one by one, what the migration is about to create in bulk). When
 * the migration ends, reconciliation starts from that moment: every entity it changed is paired with a fresh
 * last-synced state, so re-reading 20,000 of them would cost 40,000 calls to find nothing. Edits people made during
 * the run arrived as events (the migration's own echoes are counted, not matched, so those are kept).
 */
import type { SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { taskUserFields } from '../sync/read-sides';
import { ReconcileCursorStore } from './cursor-store';
import { MAX_REMEMBERED, taskVersion, trimVersions } from './versions';
import { jqlProject } from '../../core/remote/queries';

/** Jira's minute granularity, plus a minute for its search to catch up with the run's last writes. */
const HANDOFF_MINUTES = 2;
/** Bitrix24 pages of the newest changes remembered at the hand-off: MAX_REMEMBERED (500) of 50 rows. */
const HANDOFF_PAGES = 10;

/**
 * Moves the project's reconcile window to now, in each side's own clock. Bitrix24: from the second of its newest
 * change. Jira is asked in whole minutes ("-11m"), so a window starting now still reaches the run's last minute of
 * writes. On both sides the versions those entities have now are remembered as already reconciled (as a run
 * remembers its overlap), so only a later change of theirs is looked at again. One list on each side.
 */
export async function reconcileFromNow(deps: AppDeps, projectKey: string, config: SyncConfig): Promise<void> {
  const store = new ReconcileCursorStore(deps.kv);
  const cursor = await store.get(projectKey);
  if (cursor?.pendingSince !== undefined) return;
  // The same call and fields as the reconcile scan's (a list in a batch), so a version remembered here equals the
  // one it will compute. Ten pages ride in the one batch: a run's last page marks up to 450 tasks within seconds,
  // and each one not remembered would be read again by the first reconciliation.
  const { pages } = await deps.b24.listTaskPages({
    filter: { GROUP_ID: config.b24GroupId },
    order: { CHANGED_DATE: 'desc' },
    starts: Array.from({ length: HANDOFF_PAGES }, (_, i) => i * 50),
    userFields: taskUserFields(config),
  });
  const tasks = pages.flat();
  const newest = tasks[0] ? Date.parse(tasks[0].changedDate) : Number.NaN;
  if (Number.isNaN(newest)) return;
  const recent = await deps.jira.searchJql(
    `project = ${jqlProject(projectKey)} AND updated >= "-${HANDOFF_MINUTES}m" ORDER BY updated DESC`,
    { maxResults: MAX_REMEMBERED },
  );
  const jira = trimVersions(Object.fromEntries(recent.issues.map((i) => [i.id, i.fields.updated])));
  // Bitrix24 filters by whole seconds. Starting at the next second would skip a person's edit later in the second
  // of the run's last write (CHANGED_DATE keeps that second); so the window starts at that second, and the run's
  // own writes in it are remembered by version. Past the page's 50 rows they are read once more, which costs reads.
  const second = Math.floor(newest / 1000) * 1000;
  const b24 = trimVersions(Object.fromEntries(tasks.map((t) => [t.id, taskVersion(t)])), second);
  await store.complete(projectKey, { since: deps.clock.now(), b24Since: second, previous: { b24, jira } });
}
