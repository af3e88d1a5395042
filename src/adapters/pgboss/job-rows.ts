/**
 * The few writes pg-boss 10 has no call for, made on its own job table (pinned at 10.4.2, schema version 24).
 * Each one only prepares an active job for the `fail` pg-boss runs when the handler throws, so the state change
 * itself stays pg-boss's single statement: no window in which another worker could take the job twice.
 */
import type { SqlDb } from '../sql/db';
import type { DeadLetter, QueueName, QueueStats } from '../../service/engines';

const ACTIVE = `name = $1 AND id = $2 AND state = 'active'`;

/** Queue names are `[\w-]+` (checked where they are made), so the array literal needs no quoting. */
const textArray = (names: readonly string[]): string => `{${names.join(',')}}`;

export class JobRows {
  constructor(
    private readonly db: SqlDb,
    private readonly schema: string,
  ) {}

  /** The next fail retries at exactly `seconds` from now (pg-boss: start_after = now() + retry_delay). */
  async retryIn(queue: string, id: string, seconds: number): Promise<void> {
    await this.db.query(`UPDATE ${this.schema}.job SET retry_delay = $3, retry_backoff = false WHERE ${ACTIVE}`, [
      queue,
      id,
      seconds,
    ]);
  }

  /** The next fail backs off exponentially from `baseSeconds` (pg-boss's retryBackoff), whatever a verdict set before. */
  async backOff(queue: string, id: string, baseSeconds: number): Promise<void> {
    await this.db.query(`UPDATE ${this.schema}.job SET retry_delay = $3, retry_backoff = true WHERE ${ACTIVE}`, [
      queue,
      id,
      baseSeconds,
    ]);
  }

  /** The next fail is final: the job goes to its queue's dead-letter queue with the error as its reason. */
  async lastAttempt(queue: string, id: string): Promise<void> {
    await this.db.query(`UPDATE ${this.schema}.job SET retry_limit = retry_count WHERE ${ACTIVE}`, [queue, id]);
  }

  /**
   * The job goes back without spending an attempt: pg-boss adds one to retry_count when it fetches a job that has
   * started before, so one is taken off here, and a job on its last attempt is not failed for good by the put-back.
   */
  async putBack(queue: string, id: string, seconds: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.schema}.job SET retry_count = retry_count - 1, retry_delay = $3, retry_backoff = false WHERE ${ACTIVE}`,
      [queue, id, seconds],
    );
  }

  async deadLetters(deadQueues: ReadonlyMap<string, QueueName>, limit: number): Promise<DeadLetter[]> {
    const { rows } = await this.db.query<{
      id: string;
      name: string;
      data: unknown;
      reason: string | null;
      failed_at: Date | string;
    }>(
      `SELECT id, name, data, output->>'message' AS reason, created_on AS failed_at FROM ${this.schema}.job
       WHERE name = ANY($1::text[]) ORDER BY created_on DESC, id LIMIT $2`,
      [textArray([...deadQueues.keys()]), limit],
    );
    return rows.map((row) => ({
      id: row.id,
      queue: deadQueues.get(row.name) ?? 'sync',
      body: row.data,
      reason: row.reason ?? 'unknown',
      failedAt: new Date(row.failed_at).getTime(),
    }));
  }

  /** Queued counts delayed jobs too; the age is of the oldest job that could run now, since it became runnable. */
  async stats(queues: readonly QueueName[]): Promise<QueueStats[]> {
    const { rows } = await this.db.query<{
      name: string;
      queued: string | number;
      active: string | number;
      oldest_ms: string | number | null;
    }>(
      `SELECT name,
         count(*) FILTER (WHERE state < 'active') AS queued,
         count(*) FILTER (WHERE state = 'active') AS active,
         floor(extract(epoch FROM now() - min(start_after) FILTER (WHERE state < 'active' AND start_after <= now())) * 1000) AS oldest_ms
       FROM ${this.schema}.job WHERE name = ANY($1::text[]) GROUP BY name`,
      [textArray(queues)],
    );
    return queues.map((queue) => {
      const row = rows.find((r) => r.name === queue);
      return {
        queue,
        queued: Number(row?.queued ?? 0),
        active: Number(row?.active ?? 0),
        oldestQueuedMs: Math.max(0, Number(row?.oldest_ms ?? 0)),
      };
    });
  }
}
