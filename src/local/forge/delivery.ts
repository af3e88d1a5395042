/**
 * Runs one unit of pending work the way Forge does, on simulated time:
 * - queue jobs: at-least-once; a thrown error or a timeout is retried with backoff, a returned InvocationError after
 *   its retryAfter; a job whose next attempt falls past the 24 h retention window becomes a dead letter;
 * - product-event triggers: a returned InvocationError is retried up to 4 times; a thrown error is not retried;
 * - Bitrix24 deliveries to a web trigger: one attempt, never retried (Bitrix24 does not retry); a request over the
 *   5 MB invocation payload is refused, a timed-out one answers 424 (ECO-75);
 * - scheduled triggers: one attempt, errors not retried.
 * The queue jobs' backoff, retry context and retention window are job-retry.ts.
 */
import type { Clock } from '../contracts';
import type { ModuleKind } from './budget';
import type { ForgeManifest, TriggerModule } from './manifest';
import { retryRequested, webtriggerRequest, webtriggerResponse } from './outcome';
import { failureRetry, outlivesRetention, retryContext } from './job-retry';
import { refusedAsNotJson } from './json-only';
import type { Agenda } from './scheduler';

const MAX_TRIGGER_RETRIES = 4;

export interface Job {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  pushedAt: number;
  retryCount: number;
  retryReason?: string;
  retryData?: unknown;
}

export type Work =
  | {
      kind: 'jira-event';
      trigger: TriggerModule;
      event: Record<string, unknown>;
      retryCount: number;
      retryReason?: string;
      retryData?: unknown;
    }
  | { kind: 'b24-delivery'; key: string; request: Request }
  | { kind: 'job'; job: Job }
  | { kind: 'scheduled'; key: string };

export interface DeadLetter {
  kind: 'job' | 'jira-event';
  /** Queue name or trigger key. */
  target: string;
  id: string;
  retryCount: number;
  reason: string;
  at: number;
  body: unknown;
}

export interface DeliveryCounters {
  jiraEventsDelivered: number;
  b24EventsDelivered: number;
  jobsRun: number;
  retriesScheduled: number;
  deadLetters: number;
  failures: { function: string; error: string }[];
}

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: unknown; timedOut?: boolean };
export type Invoke = (functionKey: string, args: unknown[], kind: ModuleKind) => Promise<InvokeOutcome>;

/** developer.atlassian.com/platform/forge/events-reference/web-trigger: requests count against the invocation payload limit. */
const MAX_WEBTRIGGER_REQUEST_BYTES = 5 * 1024 * 1024;

export interface DeliveryDeps {
  clock: Clock;
  agenda: Agenda<Work>;
  manifest: ForgeManifest;
  installContext: string;
  invoke: Invoke;
  counters: DeliveryCounters;
  deadLetter(letter: DeadLetter): void;
  jobFinished(jobId: string, outcome: 'success' | 'failed'): void;
  /** The fault plan's `webTriggerJsonOnly`. */
  webtriggerJsonOnly?: () => boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class Delivery {
  constructor(private readonly deps: DeliveryDeps) {}

  async run(work: Work): Promise<void> {
    switch (work.kind) {
      case 'job':
        return this.runJob(work.job);
      case 'jira-event':
        return this.runTrigger(work);
      case 'b24-delivery':
        this.deps.counters.b24EventsDelivered += 1;
        await this.webtrigger(work.key, work.request);
        return;
      case 'scheduled':
        return this.runScheduled(work.key);
    }
  }

  /** A web trigger call from the internet (or the Bitrix24 emulator): Forge answers 500 for errors and bad shapes. */
  async webtrigger(key: string, request: Request): Promise<Response> {
    const module = this.deps.manifest.webtriggers.find((w) => w.key === key);
    if (!module) return new Response('Not Found', { status: 404 });
    const refused = this.deps.webtriggerJsonOnly?.() === true ? await refusedAsNotJson(request) : null;
    if (refused) return refused;
    const payload = await webtriggerRequest(request, key);
    if (Buffer.byteLength(JSON.stringify(payload)) > MAX_WEBTRIGGER_REQUEST_BYTES)
      return new Response('Payload Too Large', { status: 413 });
    const outcome = await this.deps.invoke(
      module.function,
      [payload, { installContext: this.deps.installContext }],
      'webtrigger',
    );
    if (!outcome.ok) {
      this.deps.counters.failures.push({ function: module.function, error: describe(outcome.error) });
      // ECO-75: a web trigger stopped at its runtime limit answers 424 Failed Dependency.
      return outcome.timedOut
        ? new Response('Failed Dependency', { status: 424 })
        : new Response('Internal Server Error', { status: 500 });
    }
    return webtriggerResponse(outcome.result);
  }

  private async runJob(job: Job): Promise<void> {
    const consumer = this.deps.manifest.consumers.find((c) => c.queue === job.queueName);
    if (!consumer) throw new Error(`No consumer for queue ${job.queueName}`);
    this.deps.counters.jobsRun += 1;
    const event = {
      body: job.body,
      queueName: job.queueName,
      jobId: job.jobId,
      eventId: job.eventId,
      ...(job.delayInSeconds !== undefined ? { delayInSeconds: job.delayInSeconds } : {}),
      ...(job.concurrency ? { concurrency: job.concurrency } : {}),
      ...(job.retryCount > 0 ? { retryContext: retryContext(job, this.deps.clock.now()) } : {}),
    };
    const outcome = await this.deps.invoke(
      consumer.function,
      [event, { installContext: this.deps.installContext }],
      'consumer',
    );
    if (outcome.ok) {
      const retry = retryRequested(outcome.result);
      if (!retry) return this.deps.jobFinished(job.jobId, 'success');
      return this.retryJob(job, retry.retryAfterS * 1000, retry.retryReason, retry.retryData);
    }
    this.deps.counters.failures.push({ function: consumer.function, error: describe(outcome.error) });
    const { delayMs, reason } = failureRetry(job, outcome.timedOut);
    return this.retryJob(job, delayMs, reason, undefined);
  }

  /** The job's next attempt, or its dead letter when that attempt would fall past the retention window. */
  private retryJob(job: Job, delayMs: number, reason: string, retryData: unknown): void {
    const dueAt = this.deps.clock.now() + delayMs;
    if (outlivesRetention(job, dueAt)) {
      this.deps.counters.deadLetters += 1;
      this.deps.deadLetter({
        kind: 'job',
        target: job.queueName,
        id: job.eventId,
        retryCount: job.retryCount,
        reason,
        at: this.deps.clock.now(),
        body: job.body,
      });
      return this.deps.jobFinished(job.jobId, 'failed');
    }
    this.deps.counters.retriesScheduled += 1;
    this.deps.agenda.add(dueAt, {
      kind: 'job',
      job: { ...job, retryCount: job.retryCount + 1, retryReason: reason, retryData },
    });
  }

  private async runTrigger(work: Extract<Work, { kind: 'jira-event' }>): Promise<void> {
    this.deps.counters.jiraEventsDelivered += 1;
    const event =
      work.retryCount > 0
        ? {
            ...work.event,
            retryContext: { retryCount: work.retryCount, retryReason: work.retryReason, retryData: work.retryData },
          }
        : work.event;
    const outcome = await this.deps.invoke(
      work.trigger.function,
      [structuredClone(event), { installContext: this.deps.installContext }],
      'trigger',
    );
    if (!outcome.ok) {
      this.deps.counters.failures.push({ function: work.trigger.function, error: describe(outcome.error) });
      return;
    }
    const retry = retryRequested(outcome.result);
    if (!retry) return;
    if (work.retryCount >= MAX_TRIGGER_RETRIES) {
      this.deps.counters.deadLetters += 1;
      const id = typeof work.event.eventType === 'string' ? work.event.eventType : 'event';
      this.deps.deadLetter({
        kind: 'jira-event',
        target: work.trigger.key,
        id,
        retryCount: work.retryCount,
        reason: retry.retryReason,
        at: this.deps.clock.now(),
        body: work.event,
      });
      return;
    }
    this.deps.counters.retriesScheduled += 1;
    this.deps.agenda.add(this.deps.clock.now() + retry.retryAfterS * 1000, {
      ...work,
      retryCount: work.retryCount + 1,
      retryReason: retry.retryReason,
      retryData: retry.retryData,
    });
  }

  private async runScheduled(key: string): Promise<void> {
    const module = this.deps.manifest.scheduledTriggers.find((s) => s.key === key);
    if (!module) throw new Error(`No scheduled trigger ${key}`);
    const outcome = await this.deps.invoke(
      module.function,
      [{ context: { moduleKey: key } }, { installContext: this.deps.installContext }],
      'scheduled',
    );
    if (!outcome.ok) this.deps.counters.failures.push({ function: module.function, error: describe(outcome.error) });
  }
}
