/**
 * Forge's async-events rate per installation (developer.atlassian.com/platform/forge/limits-async-events: "Event per
 * minute 500 — Maximum number of events pushed in one minute"), on the platform clock. Past it the service answers
 * 429, which `@forge/events` 3.0.8 (`validateAPIResponse`) turns into `RateLimitError` ("Too many requests."): "The
 * total number of events pushed per minute exceeds the defined limits. To overcome this, retry adding events after a
 * minute" (async-events-api-error-handling). Forge does not say whether the minute is fixed or sliding, nor what
 * happens to a push that would cross the limit part-way: the stricter reading is taken, a sliding 60 s window and the
 * whole push refused.
 */
import type { Clock } from '../contracts';

export const DEFAULT_EVENTS_PER_MINUTE = 500;
const WINDOW_MS = 60_000;

export class QueueRateLimit {
  /** Push instants and sizes inside the window, oldest first. */
  private pushes: { at: number; events: number }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly eventsPerMinute: () => number,
  ) {}

  private inWindow(now: number): number {
    this.pushes = this.pushes.filter((p) => p.at > now - WINDOW_MS);
    return this.pushes.reduce((sum, p) => sum + p.events, 0);
  }

  /** True, and counted, when `events` more fit in the last minute; false (nothing counted) otherwise. */
  admit(events: number): boolean {
    const now = this.clock.now();
    if (this.inWindow(now) + events > this.eventsPerMinute()) return false;
    this.pushes.push({ at: now, events });
    return true;
  }

  clear(): void {
    this.pushes = [];
  }
}
