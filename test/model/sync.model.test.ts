/**
 * The specification of sync, as a model-based test (README.md next to this file states the invariants). Fixed
 * seeds, so a failure is reproducible: its message names the seed and the shrunk command list.
 */
import { runModel } from './run';

/**
 * Each seed's 60 runs take 10–25 s on two cores. Reintroducing bug 1 (intents on the written fields only, kept
 * after the sync) fails seed 20261129 at run 8 and 4242 at run 56; bug 2 (state saved only at the end) fails
 * 4242 at run 6; bug 5 (deletes not re-read, gone entities not noticed) fails 20261129 at run 24; bug 6 (retries
 * after the remote's short Retry-After only, nothing re-queued) fails 20261129 at run 1 and 4242 at run 30.
 * Seed 14 fails at run 15 when a part-way sync marks its pending flow with the source's old base value (a status
 * walk stopped at an intermediate status, then the person returns the source to that old value). Seed 7 pins a
 * Bitrix24 edit in the second reconciliation last listed its task, its event lost (README, "edits within a second").
 * Seed 29 fails at run 1 when a sync interrupted after a refused write forgets the refusal: its retry journals the
 * other fields only, and the person's refused edit is dropped without a word (test/scenarios/refusal-interrupted).
 */
const SEEDS = [20261129, 4242, 14, 7, 29];

describe('sync under random edits, deliveries and remote failures', () => {
  it.each(SEEDS)('keeps every invariant (seed %i)', async (seed) => {
    await runModel({ seed, numRuns: 60 });
  }, 60_000);
});
