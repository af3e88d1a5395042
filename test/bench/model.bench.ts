/**
 * The model-based sync test (test/model), run longer than `npm test` can afford: more seeds, more runs, longer
 * command lists. Prints each seed's time; a failure prints its seed and shrunk command list and fails the bench.
 */
import { runModel } from '../model/run';
import { quietly } from './world';

/** Seed 31 pins a refused close of a deleted pair's survivor (test/model/README.md). */
const SEEDS = [1, 2, 3, 4, 20261129, 4242, 31];
const RUNS_PER_SEED = 40;

export async function benchModel(): Promise<void> {
  console.log('\nModel-based sync test (test/model/README.md)');
  for (const seed of SEEDS) {
    const started = performance.now();
    await quietly(() => runModel({ seed, numRuns: RUNS_PER_SEED, maxCommands: 40 }));
    console.log(
      `  seed ${seed}: ${RUNS_PER_SEED} runs in ${((performance.now() - started) / 1000).toFixed(1)} s — every invariant held`,
    );
  }
}
