/**
 * The specification of sync, as a model-based test (README.md next to this file states the invariants). Fixed
 * seeds, so a failure is reproducible: its message names the seed and the shrunk command list.
 */
import { runModel } from './run';

const SEEDS = [20261129, 4242];

describe('sync under random edits, deliveries and remote failures', () => {
  it.each(SEEDS)('keeps every invariant (seed %i)', async (seed) => {
    await runModel({ seed, numRuns: 12 });
  }, 60_000);
});
