/**
 * `npm run service:move -- postgres://…`: copies the embedded database (SYNC_DATA_DIR, default ./data) into an
 * empty PostgreSQL database, which the service then runs on with DATABASE_URL. Stop the service first: PGlite's
 * directory is one process's at a time, and a change made during the copy would stay behind.
 */
import { existsSync } from 'node:fs';
import { openDatabase, type SqlDb } from '../adapters/sql/db';
import { createConsoleLogger } from '../adapters/log/json-logger';
import { moveDatabase } from './move';

const DEFAULT_DATA_DIR = './data';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const url = argv[0]?.trim() || env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new Error('Usage: npm run service:move -- postgres://user:password@host:5432/db (an empty database)');
  const dataDir = env.SYNC_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  // Opening a PGlite directory that is not there would make an empty one.
  if (!existsSync(dataDir))
    throw new Error(`There is no embedded database at ${dataDir}: set SYNC_DATA_DIR to the service's data directory.`);
  const log = createConsoleLogger({ minLevel: 'warn', now: Date.now, sink: (line) => console.error(line) });
  let source: SqlDb | undefined;
  let target: SqlDb | undefined;
  try {
    source = await openDatabase({ dataDir });
    target = await openDatabase({ url });
    const moved = await moveDatabase(source, target, { log });
    return [
      `Moved ${dataDir} into PostgreSQL: ${moved.entries} entries, ${moved.secrets} secrets, ${moved.jobs} jobs to run, ${moved.deadLetters} dead letters.`,
      'Start the service with DATABASE_URL set to that database and the same secret key (SYNC_SECRET_KEY or its key file).',
      `${dataDir} is left as it was: keep it until the service runs on PostgreSQL.`,
    ].join('\n');
  } finally {
    await target?.close();
    await source?.close();
  }
}

main(process.argv.slice(2), process.env).then(
  (done) => console.log(done),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
