/**
 * The app's long-running paths at the sizes the migration issue names (10,000 tasks + 10,000 issues). `npm test`
 * runs test/local/forge/long-running.test.ts at a smaller size to stay fast (the emulators list a page in time
 * proportional to the whole project); this runs the same file at full size, and fails if a limit fails there.
 */
import { spawnSync } from 'node:child_process';

export function benchLongRunning(size = 10_000): void {
  console.info(
    `\nLong-running paths at ${size.toLocaleString('en')} tasks + ${size.toLocaleString('en')} issues (test/local/forge/long-running.test.ts)`,
  );
  const jest = spawnSync('npx', ['jest', '--ci', 'test/local/forge/long-running.test.ts'], {
    env: { ...process.env, LONG_RUN_SIZE: String(size) },
    stdio: 'inherit',
  });
  if (jest.status !== 0) throw new Error(`the long-running paths failed at ${size} (jest exit ${String(jest.status)})`);
}
