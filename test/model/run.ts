/**
 * One model-based run: a fresh world with a few pairs, a fault plan, a random sequence of commands; then
 * quiescence (faults cleared, everything due run, one reconciliation) and the invariants. `runModel` drives
 * fast-check with a fixed seed, so a failure prints the seed and the shrunk command list that reproduce it.
 */
import fc from 'fast-check';
import { SWEEP_EVERY_RUNS } from '../../src/app/reconcile/recover';
import type { FaultPlan } from '../../src/local/contracts';
import { commandArbitraries } from './commands';
import { commentProblems, creationProblems, journalOf, pairProblems } from './invariants';
import { linkProblems, longTextProblems, strangerProblems } from './pairing-invariants';
import { applyFaults, newReal, type Real } from './world';

const faultPlan: fc.Arbitrary<FaultPlan> = fc.record({
  seed: fc.nat(1_000_000),
  duplicateEvents: fc.constantFrom(0, 0.2, 0.5),
  reorderEvents: fc.constantFrom(0, 0.3, 0.6),
  delayEvents: fc.constantFrom(0, 0.3, 0.6),
  dropEvents: fc.constantFrom(0, 0, 0.1, 0.25),
  b24RateLimit: fc.constantFrom(0, 0.2, 0.4),
  jira429: fc.constantFrom(0, 0.2, 0.4),
  serverErrors: fc.constantFrom(0, 0.05, 0.15),
  refusedWrites: fc.constantFrom(0, 0, 0, 0.05),
});

/**
 * Clears the faults and lets everything due happen. When no event was lost, the events alone must bring both sides
 * in line (reconciliation is a safety net, not a crutch): the invariants are checked before it runs too. Then
 * reconciliation runs until nothing is left. Throws if the platform never comes to rest.
 */
export async function quiesce(real: Real, plan: FaultPlan): Promise<void> {
  const { platform } = real.w;
  applyFaults(real, {});
  const settle = async (): Promise<void> => {
    const report = await platform.settle();
    if (!report.idle) throw new Error(`did not settle: ${JSON.stringify(report)}`);
  };
  await settle();
  if (!plan.dropEvents) await checkAll(real, 'before reconciliation');
  // Enough runs for the sweep of links (every SWEEP_EVERY_RUNS runs) to come round.
  for (let round = 0; round <= SWEEP_EVERY_RUNS; round += 1) {
    await platform.runtime.runScheduled('reconcile');
    await settle();
  }
}

export async function checkAll(real: Real, when: string): Promise<void> {
  const journal = journalOf(real);
  const problems = [
    ...(await pairProblems(real, journal)),
    ...(await commentProblems(real, journal)),
    ...(await creationProblems(real, journal)),
    ...linkProblems(real),
    ...(await strangerProblems(real)),
    ...(await longTextProblems(real, journal)),
  ];
  // A settled world costs nothing to settle again.
  real.w.platform.resetStats();
  await real.w.platform.settle();
  const stats = real.w.platform.stats();
  const calls = stats.jira.reads + stats.jira.writes + stats.b24.reads + stats.b24.writes;
  if (calls > 0) problems.push(`a second settle made ${calls} calls: ${JSON.stringify(stats)}`);
  const dead = real.w.platform.runtime.deadLetters.map(
    (d) => `${d.kind} ${d.target} ${d.reason} ${JSON.stringify(d.body).slice(0, 200)}`,
  );
  if (problems.length > 0)
    throw new Error(
      `${when}:\n${problems.join('\n')}\n--- run log ---\n${real.log.join('\n')}\n--- dead letters ---\n${dead.join('\n')}`,
    );
}

export interface ModelOptions {
  seed: number;
  /** A failure's path, to replay exactly that run (and shrink it). */
  path?: string;
  numRuns: number;
  maxCommands?: number;
  pairs?: number;
}

export async function runModel(options: ModelOptions): Promise<void> {
  const property = fc.asyncProperty(
    faultPlan,
    fc.commands(commandArbitraries(), { maxCommands: options.maxCommands ?? 25 }),
    async (plan, commands) => {
      const real = await newReal(options.pairs ?? 2);
      applyFaults(real, plan);
      await fc.asyncModelRun(() => ({ model: real, real }), commands);
      await quiesce(real, plan);
      await checkAll(real, 'after reconciliation');
    },
  );
  const result = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    ...(options.path ? { path: options.path } : { endOnFailure: true }),
  });
  if (result.failed) {
    throw new Error(
      `model-based sync test failed: seed ${options.seed}, path "${result.counterexamplePath ?? ''}" (rerun with fc seed and path to reproduce)\n` +
        `counterexample: ${fc.stringify(result.counterexample)}\n${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
    );
  }
}
