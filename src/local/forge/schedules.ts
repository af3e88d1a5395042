/**
 * When each scheduled trigger is next due, on the platform clock. Forge does not catch up on missed runs: a
 * trigger that fell behind runs once, then waits for the next interval boundary after now.
 */
import type { Clock } from '../contracts';
import { INTERVAL_MS, type ScheduledModule } from './manifest';

export class Schedules {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly triggers: readonly ScheduledModule[],
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  reset(): void {
    for (const s of this.triggers) this.nextAt.set(s.key, this.clock.now() + INTERVAL_MS[s.interval]);
  }

  /** When the next trigger is due (undefined with none). */
  nextDueAt(): number | undefined {
    const times = [...this.nextAt.values()];
    return times.length ? Math.min(...times) : undefined;
  }

  /** The keys due now; each is moved to its next boundary. */
  takeDue(): string[] {
    const now = this.clock.now();
    const due: string[] = [];
    for (const s of this.triggers) {
      const at = this.nextAt.get(s.key) ?? Infinity;
      if (now < at) continue;
      const interval = INTERVAL_MS[s.interval];
      this.nextAt.set(s.key, at + Math.ceil((now - at + 1) / interval) * interval);
      due.push(s.key);
    }
    return due;
  }
}
