/** Time is passed in, never read from the environment, so sync rules and emulators can run on simulated time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * Where a platform that runs the app on simulated time publishes its clock on globalThis (src/entry/clock.ts reads
 * it; Forge publishes nothing). It is a contract between the app and whatever hosts it, so it lives with the ports.
 */
export const PLATFORM_CLOCK = Symbol.for('bitrix24-sync.platform-clock');
