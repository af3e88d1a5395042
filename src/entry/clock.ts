/**
 * The app's one clock: every time the app reads for "now" (the ports' Clock, the log line's timestamp) comes from here.
 *
 * On Forge it is `Date.now()`. The local platform (src/local: tests, `npm start`, benches) runs the emulators and its
 * Forge runtime on a simulated clock that jumps ahead when settling; if the app kept reading the wall clock there,
 * it would believe no time passed across a jump (quota windows, reconciliation windows, token expiry, health's
 * comparison with platform times), and tests would have to patch `Date.now`. So the local runtime publishes its
 * clock under a registered symbol on globalThis (`PLATFORM_CLOCK`, src/ports/clock.ts), the way Forge itself hands
 * the SDK `__forge_runtime__`: it resolves to the clock of the platform running the current invocation. Nothing is published on Forge, and nothing
 * here imports the local platform.
 */
import { PLATFORM_CLOCK, type Clock } from '../ports/clock';

const published = (): Clock | undefined => {
  const value = (globalThis as Record<symbol, unknown>)[PLATFORM_CLOCK];
  return typeof value === 'object' && value !== null && typeof (value as Partial<Clock>).now === 'function'
    ? (value as Clock)
    : undefined;
};

export const appClock: Clock = {
  now: () => published()?.now() ?? Date.now(),
};
