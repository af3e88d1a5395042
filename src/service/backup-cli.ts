/**
 * `npm run service:backup -- <file>` and `npm run service:restore -- <file>`: the database the service would
 * open (DATABASE_URL for PostgreSQL, else the PGlite directory SYNC_DATA_DIR, default ./data). The secret key is
 * not in the backup: keep it with the backups, or the restored secrets cannot be read.
 */
import {
  backupPglite,
  postgresBackupCommand,
  postgresRestoreCommand,
  refuseExisting,
  restorePglite,
  runPostgresCommand,
} from '../adapters/sql/backup';

const DEFAULT_DATA_DIR = './data';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const [action, file] = argv;
  if ((action !== 'backup' && action !== 'restore') || file === undefined || file.trim() === '') {
    throw new Error('Usage: npm run service:backup -- <file>   or   npm run service:restore -- <file>');
  }
  const url = env.DATABASE_URL?.trim() || undefined;
  const dataDir = env.SYNC_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  if (url !== undefined) {
    if (action === 'backup') refuseExisting(file);
    await runPostgresCommand(
      action === 'backup' ? postgresBackupCommand(url, file) : postgresRestoreCommand(url, file),
    );
    return action === 'backup'
      ? `Backed up the PostgreSQL database to ${file}.`
      : `Restored ${file} into the PostgreSQL database.`;
  }
  if (action === 'backup') {
    await backupPglite(dataDir, file);
    return `Backed up ${dataDir} to ${file}.`;
  }
  await restorePglite(file, dataDir);
  return `Restored ${file} into ${dataDir}.`;
}

main(process.argv.slice(2), process.env).then(
  (done) => console.log(done),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
