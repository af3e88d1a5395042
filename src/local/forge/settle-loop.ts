/**
 * The local Forge runtime's settle: run the work that is due, and when nothing is, move the simulated clock to the
 * next due work (and, for a bounded settle, the next scheduled trigger), as time passing in Forge would.
 */
import type { Clock } from '../contracts';
import type { Work } from './delivery';
import type { Schedules } from './schedules';
import type { Agenda } from './scheduler';

export interface SettleParts {
  clock: Clock & { advance(ms: number): void };
  agenda: Agenda<Work>;
  schedules: Schedules;
  run(work: Work): Promise<void>;
}

export interface SettleWindow {
  maxSteps: number;
  horizonMs?: number;
  advanceMs?: number;
}

/** Returns how many pieces of work ran. */
export async function runDueWork(parts: SettleParts, options: SettleWindow): Promise<number> {
  const { clock, agenda, schedules } = parts;
  const window = options.advanceMs ?? options.horizonMs;
  const until = window === undefined ? undefined : clock.now() + Math.max(0, window);
  let steps = 0;
  while (steps < options.maxSteps) {
    for (const key of schedules.takeDue()) agenda.add(clock.now(), { kind: 'scheduled', key });
    const work = agenda.takeDue(clock.now());
    if (work) {
      await parts.run(work);
      steps += 1;
      continue;
    }
    const next = nextDueAt(parts, until !== undefined);
    if (next === undefined || (until !== undefined && next > until)) break;
    clock.advance(next - clock.now());
  }
  if (options.advanceMs !== undefined && until !== undefined && clock.now() < until) clock.advance(until - clock.now());
  return steps;
}

/**
 * The next queued work; with `schedules`, scheduled triggers count too (a bounded settle reaches them, while an
 * unbounded one would never idle: a trigger is always due again).
 */
function nextDueAt(parts: SettleParts, schedules: boolean): number | undefined {
  const work = parts.agenda.nextDueAt();
  const trigger = schedules ? parts.schedules.nextDueAt() : undefined;
  if (work === undefined) return trigger;
  return trigger === undefined ? work : Math.min(work, trigger);
}
