/** The runtime's running counters and the settle report: what happened since the previous settle. */
import type { SettleReport } from '../contracts';
import type { DeadLetter, DeliveryCounters } from './delivery';

export interface RuntimeCounters extends DeliveryCounters {
  selfEventsFiltered: number;
  jiraEventsTooLarge: number;
  b24EventsDropped: number;
  b24Undeliverable: number;
}

export interface RuntimeSettleReport extends SettleReport {
  steps: number;
  /** Jira events not delivered to an `ignoreSelf` trigger because the app caused them. */
  selfEventsFiltered: number;
  /** Jira events over 200 KB, which Forge does not deliver. */
  jiraEventsTooLarge: number;
  /** Bitrix24 deliveries the fault plan dropped (lost, as Bitrix24 never retries). */
  b24EventsDropped: number;
  /** Bitrix24 deliveries to URLs that are not this app's web triggers. */
  b24Undeliverable: number;
  failures: DeliveryCounters['failures'];
  deadLetterDetails: DeadLetter[];
  pending: number;
}

type Baseline = Omit<RuntimeCounters, 'failures'> & { failures: number; deadLetterCount: number };

export function freshCounters(): RuntimeCounters {
  return {
    jiraEventsDelivered: 0,
    b24EventsDelivered: 0,
    jobsRun: 0,
    retriesScheduled: 0,
    deadLetters: 0,
    failures: [],
    selfEventsFiltered: 0,
    jiraEventsTooLarge: 0,
    b24EventsDropped: 0,
    b24Undeliverable: 0,
  };
}

/** Counters accumulate across settles; a report is the difference to the baseline the previous report left. */
export class SettleLedger {
  private baseline: Baseline = SettleLedger.mark(freshCounters(), []);

  private static mark(c: RuntimeCounters, deadLetters: readonly DeadLetter[]): Baseline {
    return { ...c, failures: c.failures.length, deadLetterCount: deadLetters.length };
  }

  report(
    c: RuntimeCounters,
    deadLetters: readonly DeadLetter[],
    run: { idle: boolean; steps: number; advancedMs: number; pending: number },
  ): RuntimeSettleReport {
    const before = this.baseline;
    this.baseline = SettleLedger.mark(c, deadLetters);
    const delta = (k: Exclude<keyof RuntimeCounters, 'failures'>): number => c[k] - before[k];
    return {
      ...run,
      jiraEventsDelivered: delta('jiraEventsDelivered'),
      b24EventsDelivered: delta('b24EventsDelivered'),
      jobsRun: delta('jobsRun'),
      retriesScheduled: delta('retriesScheduled'),
      deadLetters: delta('deadLetters'),
      selfEventsFiltered: delta('selfEventsFiltered'),
      jiraEventsTooLarge: delta('jiraEventsTooLarge'),
      b24EventsDropped: delta('b24EventsDropped'),
      b24Undeliverable: delta('b24Undeliverable'),
      failures: c.failures.slice(before.failures),
      deadLetterDetails: deadLetters.slice(before.deadLetterCount),
    };
  }

  reset(): void {
    this.baseline = SettleLedger.mark(freshCounters(), []);
  }
}
