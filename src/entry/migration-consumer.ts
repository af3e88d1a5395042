/** Consumer of the `migration` queue: one page of an initial migration, or the continuation of a reconciliation. */
import { runMigrationQueueJob } from '../app/migration/consume';
import { migrationQueueJobSchema } from '../app/migration/jobs';
import { queueConsumer } from './queue-consumer';

export const onMigrationJob = queueConsumer('migration', migrationQueueJobSchema, runMigrationQueueJob);
