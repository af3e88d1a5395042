/**
 * What an intake needs from its runtime: storage, the sync queue, a clock and a log, and no platform SDK, so the
 * Forge triggers and the self-hosted service call the same intake with their own ports.
 */
import type { AppDeps } from '../deps';
import type { SyncJob } from '../sync-jobs';
import { withBacklog } from './backlog';
import { PendingJobs, pushOnce } from './pending-jobs';

export type IntakeDeps = Pick<AppDeps, 'kv' | 'secrets' | 'log' | 'clock' | 'newId' | 'syncQueue' | 'ownAccounts'>;

/** How every intake queues a job: one waiting copy per identity (pending-jobs.ts), a refused push kept (backlog.ts). */
export function queueOnce(deps: IntakeDeps): (job: SyncJob) => Promise<'queued' | 'already-queued'> {
  const pending = new PendingJobs(deps.kv, () => deps.clock.now(), deps.newId);
  const queue = withBacklog(deps);
  return (job) => pushOnce(job, queue, pending);
}
