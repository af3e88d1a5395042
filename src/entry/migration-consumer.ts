/** Consumer of the `migration` queue: one page of an initial migration, or the continuation of a reconciliation. */
import { holdMigrationPage, stoppedByUninstall } from '../app/stop-after-uninstall';
import { migrationQueueJobSchema, runMigrationQueueJob } from '../app/migration-queue';
import { queueConsumer } from './queue-consumer';

export const onMigrationJob = queueConsumer('migration', migrationQueueJobSchema, async (job, deps, options) => {
  if (!(await stoppedByUninstall(deps, `migration job ${job.kind}`))) return runMigrationQueueJob(job, deps, options);
  await holdMigrationPage(deps, job);
  return { kind: 'done' };
});
