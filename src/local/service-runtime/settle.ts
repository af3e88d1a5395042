/**
 * Settling the service runtime: deliver what Jira and the portal sent, run what the job engine says is due, and
 * when nothing is due now but work waits (a queued job, a retry, an offline change the next drain will read), jump
 * the clock to the next due time. A plain settle goes no further than its horizon; `advanceMs` runs everything due
 * up to now + N, schedules included, and leaves the clock there, as the Forge runtime's settle does. `untilIdle`
 * has no horizon: it runs until no job, delivery or offline change waits, jumping only to the next job (or, while an
 * offline change waits, to the schedule that drains it), so schedules, which are always due again, cannot keep it
 * from idling; a schedule the jump passes fires once on arrival, as the Forge runtime's plain settle does.
 */
import type { SandboxService } from '../../service/sandbox-entry';
import type { SettleReport } from '../contracts';
import type { AdvanceableClock } from '../forge/runtime';
import type { WebhookDelivery } from '../jira';

export interface Pending {
  jira: WebhookDelivery[];
  b24: Request[];
}

export interface SettleInput {
  clock: AdvanceableClock;
  service: SandboxService;
  pending: Pending;
  /** Offline records the portal holds that a drain has not confirmed yet. */
  offlineWaiting(): number;
  deliver(request: Request): Promise<Response>;
  options: ServiceSettleOptions;
}

export interface ServiceSettleOptions {
  maxSteps?: number;
  horizonMs?: number;
  advanceMs?: number;
  /** Ignored beside `horizonMs` or `advanceMs`. */
  untilIdle?: boolean;
}

const DEFAULT_HORIZON_MS = 5 * 60_000;

async function waiting(input: SettleInput): Promise<boolean> {
  const queued = (await input.service.queueStats()).some((q) => q.queued + q.active > 0);
  return queued || input.offlineWaiting() > 0 || input.pending.jira.length + input.pending.b24.length > 0;
}

async function deliverPending(input: SettleInput, report: SettleReport): Promise<number> {
  const jira = input.pending.jira.splice(0);
  for (const d of jira) await input.deliver(new Request(d.url, { method: 'POST', headers: d.headers, body: d.body }));
  const b24 = input.pending.b24.splice(0);
  for (const request of b24) await input.deliver(request);
  report.jiraEventsDelivered += jira.length;
  report.b24EventsDelivered += b24.length;
  return jira.length + b24.length;
}

export async function settleService(input: SettleInput): Promise<SettleReport> {
  const { clock, service, options } = input;
  const start = clock.now();
  const untilIdle = options.untilIdle === true && options.advanceMs === undefined && options.horizonMs === undefined;
  const until = untilIdle
    ? Number.POSITIVE_INFINITY
    : start + (options.advanceMs ?? options.horizonMs ?? DEFAULT_HORIZON_MS);
  const before = service.jobOutcomes();
  const report: SettleReport = {
    idle: false,
    jiraEventsDelivered: 0,
    b24EventsDelivered: 0,
    jobsRun: 0,
    retriesScheduled: 0,
    deadLetters: 0,
    advancedMs: 0,
  };
  const maxSteps = options.maxSteps ?? 10_000;
  for (let step = 0; step < maxSteps; step += 1) {
    const offlineBefore = input.offlineWaiting();
    const delivered = await deliverPending(input, report);
    const ran = await service.runDue();
    report.jobsRun += ran;
    report.b24EventsDelivered += Math.max(0, offlineBefore - input.offlineWaiting());
    if (delivered + ran > 0) continue;
    const more = options.advanceMs !== undefined || (await waiting(input));
    const next = untilIdle && input.offlineWaiting() === 0 ? service.nextJobDueAt() : service.nextDueAt();
    if (!more || next === null || next > until) break;
    clock.advance(Math.max(0, next - clock.now()));
  }
  if (options.advanceMs !== undefined && clock.now() < until) clock.advance(until - clock.now());
  const after = service.jobOutcomes();
  report.retriesScheduled = (after.retry ?? 0) - (before.retry ?? 0);
  report.deadLetters = (after.dead ?? 0) - (before.dead ?? 0);
  report.advancedMs = clock.now() - start;
  report.idle = !(await waiting(input));
  return report;
}
