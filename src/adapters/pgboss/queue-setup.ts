/**
 * What pg-boss needs in the database (its schema, the queues, the schedules), created by whichever instance gets
 * there first. Instances behind a load balancer start together, and pg-boss 10 does not survive that on
 * PostgreSQL: its install checks for its schema, then waits for its lock, then creates the schema the other
 * instance has just created (the waiting session still has the "no such schema" it looked up, so the create fails
 * on a duplicate key); and it creates a queue in one statement that locks the queue table, then the job table,
 * so two instances creating different queues deadlock. Each such step therefore runs alone across instances,
 * under a transaction-scoped advisory lock held on a connection of its own while pg-boss works on the others.
 * PGlite is one session in one process: there is nobody to wait for, and its one connection cannot be lent.
 */
import type PgBoss from 'pg-boss';
import type { SqlDb } from '../sql/db';
import type { QueueName } from '../../service/engines';

/** Runs `setup` while no other instance runs a setup step of the same queue schema. */
export async function alone<T>(db: SqlDb, schema: string, setup: () => Promise<T>): Promise<T> {
  if (db.engine !== 'postgres') return setup();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${schema}.setup`]);
    return setup();
  });
}

export interface QueueSettings {
  retryLimit: number;
  backoffSeconds: number;
  expireInSeconds: number;
}

export const deadQueueOf = (queue: QueueName): string => `${queue}-dead`;

export async function createQueue(boss: PgBoss, queue: QueueName, settings: QueueSettings): Promise<void> {
  const dead = deadQueueOf(queue);
  await boss.createQueue(dead, { name: dead });
  const config: PgBoss.Queue = {
    name: queue,
    // Not `singleton`: see engine.ts; the pair lease keeps a pair's jobs apart.
    policy: 'standard',
    deadLetter: dead,
    retryLimit: settings.retryLimit,
    retryDelay: settings.backoffSeconds,
    retryBackoff: true,
    expireInSeconds: settings.expireInSeconds,
  };
  await boss.createQueue(queue, config);
  // createQueue keeps an existing queue as it was; a restart with new settings applies them.
  await boss.updateQueue(queue, config);
}

/** A schedule's own queue (singleton without a key: a run that outlasts its interval is not overlapped) and cron. */
export async function createSchedule(boss: PgBoss, queue: string, cron: string): Promise<void> {
  await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 0 });
  await boss.schedule(queue, cron, {}, { tz: 'UTC' });
}
