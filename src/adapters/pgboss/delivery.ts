/**
 * One delivery of one job: take its pair's guard, run the handler, and turn its verdict into the pg-boss state
 * change. `done` completes the job; every other verdict first prepares the row (job-rows.ts) and then fails it, so
 * pg-boss's own `fail` statement moves it (to a retry, or to the dead-letter queue when it was the last attempt).
 */
import type PgBoss from 'pg-boss';
import type { Logger } from '../../ports/log';
import type { JobBody } from '../../ports/queue';
import type { JobDelivery, JobVerdict, QueueName } from '../../service/engines';
import type { JobRows } from './job-rows';
import type { HeldLease, PairLeases } from './pair-lease';

/** What becomes of the job in pg-boss; a failure's message is the dead letter's reason when the job fails for good. */
export type Settlement = { kind: 'complete' } | { kind: 'fail'; message: string };
const fail = (message: string): Settlement => ({ kind: 'fail', message });

export interface DeliveryDeps {
  queue: QueueName;
  rows: JobRows;
  leases: PairLeases;
  log: Logger;
  backoffSeconds: number;
  busyDelaySeconds: number;
  pairOf: (body: JobBody) => Promise<string | null>;
  /** Resolves when shutdown stops waiting for running handlers. */
  stopped: Promise<void>;
  /** True from then on: a job not started yet goes back without starting. */
  hasStopped: () => boolean;
  /** Every running handler, so shutdown can wait for them. */
  running: Set<Promise<unknown>>;
}

type Handler = (delivery: JobDelivery) => Promise<JobVerdict>;

export async function deliver(
  deps: DeliveryDeps,
  job: PgBoss.JobWithMetadata<JobBody>,
  handler: Handler,
): Promise<Settlement> {
  const { rows, queue } = deps;
  const attempt = Math.max(0, job.retryCount);
  let pair: string | null;
  let lease: HeldLease | null;
  try {
    pair = await deps.pairOf(job.data);
    lease = pair === null ? null : await deps.leases.take(pair);
  } catch (error) {
    await rows.backOff(queue, job.id, deps.backoffSeconds);
    return fail(`could not take the job's pair: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (pair !== null && lease === null) {
    await rows.putBack(queue, job.id, deps.busyDelaySeconds);
    return fail(`pair ${pair} is being synced by another job: put back for ${deps.busyDelaySeconds}s`);
  }
  if (deps.hasStopped()) {
    await lease?.release();
    await rows.putBack(queue, job.id, deps.busyDelaySeconds);
    return fail('the service stopped before the job started: put back');
  }
  const run = runHandler(deps, handler, { id: job.id, queue, body: job.data, attempt }, lease);
  const verdict = await Promise.race([run, deps.stopped.then(() => 'stopped' as const)]);
  if (verdict === 'stopped') {
    // The handler keeps running until the process ends, still holding the pair: the job goes back unspent.
    await rows.putBack(queue, job.id, deps.busyDelaySeconds);
    return fail('the service stopped before the job finished: put back');
  }
  if (verdict.kind === 'done') return { kind: 'complete' };
  const last = attempt >= job.retryLimit;
  if (verdict.kind === 'thrown') {
    await rows.backOff(queue, job.id, deps.backoffSeconds);
    return fail(last ? `retries exhausted after ${attempt + 1} attempts: ${verdict.message}` : verdict.message);
  }
  if (verdict.kind === 'retry') {
    const seconds = Math.max(0, Math.ceil(verdict.afterSeconds));
    await rows.retryIn(queue, job.id, seconds);
    return fail(last ? `retries exhausted after ${attempt + 1} attempts` : `retry in ${seconds}s`);
  }
  await rows.lastAttempt(queue, job.id);
  return fail(verdict.reason);
}

type Ended = JobVerdict | { kind: 'thrown'; message: string };

function runHandler(
  deps: DeliveryDeps,
  handler: Handler,
  delivery: JobDelivery,
  lease: HeldLease | null,
): Promise<Ended> {
  const run = (async (): Promise<Ended> => {
    try {
      return await handler(delivery);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.warn('job handler threw; retried with backoff', {
        queue: delivery.queue,
        id: delivery.id,
        attempt: delivery.attempt,
        error: message,
      });
      return { kind: 'thrown', message };
    } finally {
      await lease
        ?.release()
        .catch((error: unknown) =>
          deps.log.warn('could not release a pair lease; it expires by itself', { error: String(error) }),
        );
    }
  })();
  deps.running.add(run);
  void run.finally(() => deps.running.delete(run));
  return run;
}
