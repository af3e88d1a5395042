/**
 * The same specification as sync.model.test.ts, with the self-hosted service between the emulators: an on-premise
 * portal with offline events, Jira's signed webhooks, and the service's job engine in memory on simulated time.
 * Besides every invariant of README.md, the service account's own Jira webhooks must leave no trace.
 */
import { runModel } from './run';

/** What each seed covers, and why these many runs, is told in README.md, "The service run". */
const SEEDS = [20261129, 4242, 14, 7, 29];

describe('sync on the self-hosted service under random edits, deliveries and remote failures', () => {
  it.each(SEEDS)(
    'keeps every invariant (seed %i)',
    async (seed) => {
      await runModel({ seed, numRuns: 30, runtime: 'service' });
    },
    60_000,
  );
});
