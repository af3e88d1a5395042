/**
 * The specification of sync, as a model-based test (README.md next to this file states the invariants). Fixed
 * seeds, so a failure is reproducible: its message names the seed and the shrunk command list.
 */
import { runModel } from './run';

/** Each seed's 60 runs take 10–25 s on two cores; what each seed catches is told in README.md, "The seeds". */
const SEEDS = [20261129, 4242, 14, 7, 29];

describe('sync under random edits, deliveries and remote failures', () => {
  it.each(SEEDS)(
    'keeps every invariant (seed %i)',
    async (seed) => {
      await runModel({ seed, numRuns: 60 });
    },
    60_000,
  );
});
