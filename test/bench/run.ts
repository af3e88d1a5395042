/** `npm run bench`: measurements, not pass/fail tests. Each bench prints its own table. */
import { benchConvert } from './convert.bench';
import { benchLongRunning } from './long-running.bench';
import { benchMigration } from './migration.bench';
import { benchPackage } from './package.bench';
import { benchServiceQueue } from './service-queue.bench';
import { benchModel } from './model.bench';
import { benchSync } from './sync.bench';
import { benchWiki } from './wiki.bench';

async function main(): Promise<void> {
  await benchConvert();
  benchWiki();
  await benchSync();
  await benchMigration();
  benchPackage();
  await benchModel();
  benchLongRunning();
  await benchServiceQueue();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
