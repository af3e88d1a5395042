/**
 * Moving an install from the embedded database to PostgreSQL, for when one machine is not enough: every setting,
 * link, journal entry and encrypted secret, and every job still to run (dead letters included), copied into an
 * empty PostgreSQL database in one transaction, then counted again on the target. Secrets move still sealed: the
 * target needs the same secret key, and the key never passes through here.
 */
import { startJobEngine } from '../adapters/pgboss/engine';
import { copyJobs, countJobs } from '../adapters/pgboss/copy-jobs';
import type { SqlDb } from '../adapters/sql/db';
import { copyRows, countRows } from '../adapters/sql/copy-rows';
import { migrateSchema } from '../adapters/sql/schema';
import { PermanentError } from '../core/errors';
import type { Logger } from '../ports/log';

const TABLES = [
  { table: 'kv_entries', key: 'key' },
  { table: 'secrets', key: 'name' },
  { table: 'secret_key_checks', key: 'key_id' },
] as const;

export interface MoveReport {
  entries: number;
  secrets: number;
  keyChecks: number;
  jobs: number;
  deadLetters: number;
}

const refused = (message: string): PermanentError =>
  new PermanentError('validation', message, { code: 'move:refused' });

async function refuseUnlessEmpty(target: SqlDb, bossSchema: string): Promise<void> {
  for (const { table } of TABLES) {
    const n = await countRows(target, table);
    if (n > 0)
      throw refused(
        `The target database already holds service data (${n} rows in ${table}): move into an empty database, so nothing there is overwritten or mixed.`,
      );
  }
  const jobs = await countJobs(target, bossSchema);
  if (jobs > 0) throw refused(`The target database already holds ${jobs} service jobs: move into an empty database.`);
}

export async function moveDatabase(
  source: SqlDb,
  target: SqlDb,
  options: { log: Logger; bossSchema?: string },
): Promise<MoveReport> {
  // The target's pg-boss schema may differ only in tests, which share one PostgreSQL database.
  const bossSchema = options.bossSchema ?? 'pgboss';
  if ((await countRows(source, 'schema_version')) === 0)
    throw refused('The embedded database holds no service data: check SYNC_DATA_DIR (default ./data).');
  // The source is brought to this release's schema first, so both sides have the same columns.
  await migrateSchema(source);
  await migrateSchema(target);
  await refuseUnlessEmpty(target, bossSchema);
  // A job engine started once makes pg-boss's tables and the service's queues on the target.
  const engine = await startJobEngine(target, { log: options.log, schema: bossSchema });
  await engine.stop({ timeoutMs: 0 });
  const copied = await target.transaction(async (tx) => {
    const [entries, secrets, keyChecks] = [
      await copyRows(source, tx, TABLES[0]),
      await copyRows(source, tx, TABLES[1]),
      await copyRows(source, tx, TABLES[2]),
    ];
    return { entries, secrets, keyChecks, ...(await copyJobs(source, tx, { source: 'pgboss', target: bossSchema })) };
  });
  const landed = (await countRows(target, 'kv_entries')) + (await countRows(target, 'secrets'));
  if (landed !== copied.entries + copied.secrets)
    throw new Error(`The move copied ${copied.entries + copied.secrets} rows but the target holds ${landed}.`);
  return copied;
}
