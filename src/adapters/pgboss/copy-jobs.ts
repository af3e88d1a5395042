/**
 * Carries the service's unfinished and dead jobs from one database's pg-boss tables to another's, for a move
 * from PGlite to PostgreSQL. Both sides run this same pinned pg-boss (schema version 24), so a job row means the
 * same on both; the target's queues must exist already (a job engine started once on it makes them). A job that
 * was running when the source stopped runs again on the target: sync jobs name ids and re-read, so a repeat
 * writes nothing twice.
 */
import type { SqlRunner } from '../sql/db';
import { copyRows, countRows } from '../sql/copy-rows';

const LIVE_QUEUES = ['sync', 'migration'];
const DEAD_QUEUES = ['sync-dead', 'migration-dead'];
const UNFINISHED = `state IN ('created', 'retry', 'active')`;
const inQueues = (names: readonly string[]): string => `name IN (${names.map((n) => `'${n}'`).join(', ')})`;

export interface CopiedJobs {
  jobs: number;
  deadLetters: number;
}

const runnableAgain = (row: Record<string, unknown>): Record<string, unknown> =>
  row.state === 'active' ? { ...row, state: 'retry', started_on: null } : row;

/** `schemas`: pg-boss's schema on each side (both `pgboss` in a real move). */
export async function copyJobs(
  source: SqlRunner,
  target: SqlRunner,
  schemas: { source: string; target: string },
): Promise<CopiedJobs> {
  const table = `${schemas.source}.job`;
  const targetTable = `${schemas.target}.job`;
  if ((await countRows(source, table)) === 0) return { jobs: 0, deadLetters: 0 };
  const jobs = await copyRows(source, target, {
    table,
    targetTable,
    key: 'id',
    where: `${inQueues(LIVE_QUEUES)} AND ${UNFINISHED}`,
    adjust: runnableAgain,
  });
  const deadLetters = await copyRows(source, target, {
    table,
    targetTable,
    key: 'id',
    where: `${inQueues(DEAD_QUEUES)} AND ${UNFINISHED}`,
    adjust: runnableAgain,
  });
  return { jobs, deadLetters };
}

/** Unfinished and dead jobs a database holds: a move refuses a target that has any. */
export function countJobs(db: SqlRunner, schema = 'pgboss'): Promise<number> {
  return countRows(db, `${schema}.job`, `${inQueues([...LIVE_QUEUES, ...DEAD_QUEUES])} AND ${UNFINISHED}`);
}
