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
import type { DeadLetterView, RuntimeName } from './runtime';
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
  // Bitrix24 writes that land with their reply lost: a retry must find what it made and not make it again. Jira's
  // (lostReplies) stay out for now: a lost reply of a shortened description's write is then journalled as a
  // conflict nobody made (seed 4242 finds it), which is its own fix.
  b24LostReplies: fc.constantFrom(0, 0, 0.05),
});

/**
 * Clears the faults and lets everything due happen. When no event can have been lost, the events alone must bring
 * both sides in line (reconciliation is a safety net, not a crutch): the invariants are checked before it runs too.
 * Then reconciliation runs until nothing is left. Throws if the platform never comes to rest.
 */
export async function quiesce(real: Real, plan: FaultPlan): Promise<void> {
  applyFaults(real, {});
  const settle = async (): Promise<void> => {
    const report = await real.w.settle();
    if (!report.idle) throw new Error(`did not settle: ${JSON.stringify(report)}`);
  };
  await settle();
  if (!real.w.losesEvents(plan)) await checkAll(real, 'before reconciliation');
  // Enough runs for the sweep of links (every SWEEP_EVERY_RUNS runs) to come round.
  for (let round = 0; round <= SWEEP_EVERY_RUNS; round += 1) {
    await real.w.reconcile();
    await settle();
  }
}

/**
 * A settled world costs nothing to settle again, and on the service nothing either after a Jira webhook in the
 * service account's name for every linked issue (an edit and a comment the app did not make): were the service
 * to act on its own account's events, each of its writes would echo back as work (an echo loop).
 */
async function restProblems(real: Real): Promise<string[]> {
  const { w } = real;
  w.platform.resetStats();
  const own = w.ownJiraEvent?.bind(w);
  if (own)
    for (const p of real.pairs.filter((x) => !x.deletedOn && !x.unlinked)) {
      real.counter += 1;
      await own({ issueId: p.issueId, kind: 'update', text: `Own ${real.counter}` });
      await own({ issueId: p.issueId, kind: 'comment', text: `Own ${real.counter}` });
    }
  await w.settle();
  const stats = w.platform.stats();
  const calls = stats.jira.reads + stats.jira.writes + stats.b24.reads + stats.b24.writes;
  const after = own ? ", after the service account's own Jira events," : '';
  return calls > 0 ? [`a second settle${after} made ${calls} calls: ${JSON.stringify(stats)}`] : [];
}

/**
 * The dead-letter queue is empty after quiescence. On the service a job the app gives up on goes there (the
 * Activity tab shows it), so a letter is a sync that failed for good: any the model's runs produce is a finding.
 */
function deadLetterProblems(dead: DeadLetterView[]): string[] {
  return dead.map((d) => `a dead letter after quiescence: ${d.line}`);
}

export async function checkAll(real: Real, when: string): Promise<void> {
  const journal = await journalOf(real);
  const problems = [
    ...(await pairProblems(real, journal)),
    ...(await commentProblems(real, journal)),
    ...(await creationProblems(real, journal)),
    ...(await linkProblems(real)),
    ...(await strangerProblems(real)),
    ...(await longTextProblems(real, journal)),
    ...(await restProblems(real)),
  ];
  const dead = await real.w.deadLetters();
  problems.push(...deadLetterProblems(dead));
  if (problems.length > 0)
    throw new Error(
      `${when}:\n${problems.join('\n')}\n--- run log ---\n${real.log.join('\n')}\n--- dead letters ---\n${dead.map((d) => d.line).join('\n')}`,
    );
}

export interface ModelOptions {
  seed: number;
  /** A failure's path, to replay exactly that run (and shrink it). */
  path?: string;
  numRuns: number;
  maxCommands?: number;
  pairs?: number;
  /** The app between the emulators: the local Forge runtime (the default) or the self-hosted service. */
  runtime?: RuntimeName;
}

export async function runModel(options: ModelOptions): Promise<void> {
  const property = fc.asyncProperty(
    faultPlan,
    fc.commands(commandArbitraries(options.runtime), { maxCommands: options.maxCommands ?? 25 }),
    async (plan, commands) => {
      const real = await newReal(options.pairs ?? 2, options.runtime);
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
      `model-based sync test failed (${options.runtime ?? 'forge'} runtime): seed ${options.seed}, path "${result.counterexamplePath ?? ''}" (rerun with fc seed and path to reproduce)\n` +
        `counterexample: ${fc.stringify(result.counterexample)}\n${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
    );
  }
}
