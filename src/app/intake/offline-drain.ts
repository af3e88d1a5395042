/**
 * Offline events (events/offline-events.md): a portal that cannot call the service keeps its task changes in a
 * queue, and the service's schedule drains it. Each run reserves records under one process_id (event.offline.get
 * with clear=0), turns each into the same job the event intake queues, and only then confirms exactly those
 * records (event.offline.clear by ID). A crash anywhere in between leaves them reserved under a process_id that was
 * stored before the first read, and the next run re-selects them by it: delivery is at least once, and a job only
 * names ids and re-reads, so a repeat costs a read and loses nothing.
 *
 * A record that is no readable task change is refused: nothing is queued for it, the journal says so, and
 * event.offline.error marks it on the portal, where it stays visible (event.offline.list) instead of coming back
 * on every run or vanishing.
 */
import { isSyncError } from '../../core/errors';
import type { B24ChangeHint, B24OfflineRecord } from '../../ports/b24';
import type { AppDeps } from '../deps';
import { eventModeOf } from '../store/connection';
import { note } from '../store/journal-notes';
import { keys } from '../store/keys';
import { storesOf } from '../store/stores';
import { jobForChange } from './b24-change';
import { intakeOf, type B24Intake } from './b24-event';
import { parseB24ChangeData } from './b24-event-parser';

/** A record the drain could not read as a task change, with the reason the journal gives. */
type Refusal = { record: B24OfflineRecord; problem: string };

/** event.offline.get's own default page. */
const OFFLINE_PAGE_SIZE = 50;
/** Pages per run: 1000 changes, well inside one schedule tick at Bitrix24's 2 requests a second. */
const OFFLINE_PAGES_PER_RUN = 20;

export interface OfflineDrainResult {
  /** Why nothing was read, when nothing was: no portal, not an OAuth connection in offline mode, uninstalled. */
  skipped?: 'not-connected' | 'online-events' | 'uninstalled';
  /** Records confirmed on the portal (queued, already queued, or already synced). */
  drained: number;
  /** Jobs pushed to the sync queue (the rest were copies of waiting jobs, or changes already synced). */
  queued: number;
  /** Records refused as unreadable and marked failed on the portal. */
  refused: number;
  pages: number;
  /** The page budget ran out with records possibly left: the next run goes on. */
  more: boolean;
}

export async function drainOfflineEvents(
  deps: AppDeps,
  options: { pages?: number; pageSize?: number } = {},
): Promise<OfflineDrainResult> {
  const result: OfflineDrainResult = { drained: 0, queued: 0, refused: 0, pages: 0, more: false };
  const store = storesOf(deps).connection;
  const connection = await store.get();
  if (!connection) return { ...result, skipped: 'not-connected' };
  if (connection.authMode !== 'oauth' || eventModeOf(connection) !== 'offline')
    return { ...result, skipped: 'online-events' };
  if (connection.uninstalledAt !== undefined) return { ...result, skipped: 'uninstalled' };
  const now = (): number => deps.clock.now();
  const screens = intakeOf(deps);
  // Stored before the first read: a run that dies after reserving still knows what to re-select.
  let processId = await heldProcess(deps);
  const budget = options.pages ?? OFFLINE_PAGES_PER_RUN;
  while (result.pages < budget) {
    const page = await deps.b24.getOfflineEvents({ processId, limit: options.pageSize ?? OFFLINE_PAGE_SIZE });
    result.pages += 1;
    if (page.processId !== processId) {
      processId = page.processId;
      await deps.kv.set(keys.offlineProcess(), processId);
    }
    if (page.records.length === 0) {
      await deps.kv.delete(keys.offlineProcess());
      return result;
    }
    await settlePage(deps, screens, processId, page.records, result);
    await store.recordEventArrival(page.records[page.records.length - 1]?.event ?? '', now());
  }
  return { ...result, more: true };
}

async function heldProcess(deps: AppDeps): Promise<string> {
  const held = await deps.kv.get(keys.offlineProcess());
  if (typeof held === 'string' && held !== '') return held;
  const fresh = `drain-${deps.newId()}`;
  await deps.kv.set(keys.offlineProcess(), fresh);
  return fresh;
}

/** Queues the page's readable changes, refuses the rest, then confirms exactly what was handled. */
async function settlePage(
  deps: AppDeps,
  screens: B24Intake,
  processId: string,
  records: B24OfflineRecord[],
  result: OfflineDrainResult,
): Promise<void> {
  const handled: string[] = [];
  const refused: Refusal[] = [];
  for (const record of records) {
    const change = readChange(record);
    if ('problem' in change) {
      refused.push({ record, problem: change.problem });
      continue;
    }
    const job = jobForChange(change.hint);
    const screened = (await screens.replays.seenBefore(job, record.ts)) || (await screens.ownWrite(job));
    if (!screened && (await screens.queue(job)) === 'queued') result.queued += 1;
    handled.push(record.id);
  }
  if (refused.length > 0) {
    await journalRefusals(deps, refused);
    await deps.b24.markOfflineEventsFailed(
      processId,
      refused.map((r) => r.record.messageId),
    );
    result.refused += refused.length;
  }
  if (handled.length > 0) await deps.b24.clearOfflineEvents(processId, handled);
  result.drained += handled.length;
}

/** The record's name and data read with the same rules as an event delivery's; only a SyncError is a refusal. */
function readChange(record: B24OfflineRecord): { hint: B24ChangeHint } | { problem: string } {
  try {
    return { hint: parseB24ChangeData(record.event, record.data) };
  } catch (error) {
    if (!isSyncError(error)) throw error;
    return { problem: error.message };
  }
}

/** The record names no project it could be told apart by, so every paired project's Activity tab shows it. */
async function journalRefusals(deps: AppDeps, refused: Refusal[]): Promise<void> {
  const { journal, configs } = storesOf(deps);
  const projects = await configs.list();
  for (const { record, problem } of refused) {
    const event = record.event || '?';
    const message =
      `Bitrix24's offline queue held record ${record.id} (${event}), which is not a task change the app can read: ${problem}. ` +
      'Nothing was queued for it; it stays on the portal marked as failed.';
    const notes = [note('offlineEvent.refused', { id: record.id, event, problem }, message)];
    for (const projectKey of projects.length > 0 ? projects : ['-']) {
      await journal.record({
        at: deps.clock.now(),
        projectKey,
        direction: 'none',
        operation: 'offline-event',
        fields: [],
        outcome: 'warning',
        notes,
      });
    }
  }
}
