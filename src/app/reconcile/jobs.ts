/**
 * Reconciliation's unit of work on the `migration` queue: the continuation of a scan that did not fit in one
 * scheduled invocation. It only lists and enqueues `pair-sync` jobs on the sync queue.
 */
import { z } from 'zod';
import type { JobBody } from '../../ports/queue';
import type { Versions } from './versions';

const id = z.string().min(1).max(64);

/**
 * Where a reconciliation scan stands: all its continuation event carries, a few KB at most. The versions it compares
 * against and has seen stay in KVS (run-store.ts), since Forge caps an event for a 900 s consumer at 100 KB.
 */
export const reconcileScanPositionSchema = z.object({
  since: z.number(),
  /** Also names the run: a continuation whose run completed or was replaced finds no state of its own. */
  startedAt: z.number(),
  /**
   * Bitrix24 is asked in its own time (CHANGED_DATE values it returned), never in ours: clocks differ. `mark` is
   * the newest change on the first page, the next run's starting point.
   */
  b24: z.object({ since: z.number(), mark: z.number().optional(), lastId: z.string().max(64), done: z.boolean() }),
  /** The JQL is fixed when the scan starts: a page token belongs to the query it came from. */
  jira: z.object({ jql: z.string().max(1000), token: z.string().max(4096).optional(), done: z.boolean() }),
  /** True once the scan needed more than one invocation (then the Bitrix24 cursor does not move; see scan.ts). */
  continued: z.boolean(),
});

export const reconcilePageJobSchema = z.object({
  kind: z.literal('reconcile-page'),
  projectKey: id,
  scan: reconcileScanPositionSchema,
});

export type ReconcileScanPosition = z.infer<typeof reconcileScanPositionSchema>;
/** A scan in memory: its position, the versions the previous run enqueued (skipped when unchanged) and those seen so far. */
export type ReconcileScan = ReconcileScanPosition & {
  previous: { b24: Versions; jira: Versions };
  seen: { b24: Versions; jira: Versions };
};
export type ReconcilePageJob = z.infer<typeof reconcilePageJobSchema>;

export const toReconcileJobBody = (job: ReconcilePageJob): JobBody => JSON.parse(JSON.stringify(job)) as JobBody;
