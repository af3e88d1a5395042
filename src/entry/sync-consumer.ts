/**
 * Consumer of the `sync` queue: one job, one entity change. After the retry budget, or on a permanent failure,
 * the job becomes a failed journal entry that the activity tab can retry.
 */
import { syncJobSchema } from '../app/sync-jobs';
import { runSyncJob } from '../app/run-sync-job';
import { queueConsumer } from './queue-consumer';

export type { QueueEvent } from './queue-consumer';

export const onSyncJob = queueConsumer('sync', syncJobSchema, runSyncJob);
