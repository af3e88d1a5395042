/**
 * Our own fetch loop instead of pg-boss's `work()`: pg-boss 10's worker sleeps a whole polling interval after every
 * batch, even a full one, and completes or fails a batch as a whole, where each job has its own verdict. This loop
 * fetches as many jobs as it has free slots, fetches again at once while jobs keep coming, wakes when a slot frees
 * or this process pushes, and idles one polling interval only when the queue had nothing runnable.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from '../../ports/log';
import type { JobBody } from '../../ports/queue';

export interface WorkerLoopOptions {
  boss: PgBoss;
  queue: string;
  concurrency: number;
  pollingMs: number;
  log: Logger;
  run(job: PgBoss.JobWithMetadata<JobBody>): Promise<void>;
}

export class WorkerLoop {
  private running = 0;
  private stopping = false;
  private wake: (() => void) | null = null;
  /** A notice that came while the loop was fetching, so it fetches again instead of idling. */
  private noticed = false;
  private readonly ended: Promise<void>;

  constructor(private readonly options: WorkerLoopOptions) {
    this.ended = this.loop();
  }

  /** Something may be runnable now: a job was pushed here, or a slot freed. */
  notify(): void {
    this.noticed = true;
    this.wake?.();
  }

  /** Stops fetching; resolves once the loop is out of its last fetch (running jobs are the engine's business). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.ended;
  }

  private async loop(): Promise<void> {
    const { boss, queue, concurrency, pollingMs, log } = this.options;
    while (!this.stopping) {
      this.noticed = false;
      const free = concurrency - this.running;
      const jobs =
        free > 0
          ? await boss.fetch<JobBody>(queue, { batchSize: free, includeMetadata: true }).catch((error: unknown) => {
              log.warn('could not fetch jobs', {
                queue,
                error: error instanceof Error ? error.message : String(error),
              });
              return [];
            })
          : [];
      for (const job of jobs) this.start(job);
      if (this.stopping) return;
      if (this.running >= concurrency || (jobs.length === 0 && !this.noticed)) await this.idle(pollingMs);
    }
  }

  private start(job: PgBoss.JobWithMetadata<JobBody>): void {
    this.running += 1;
    void this.options
      .run(job)
      .catch((error: unknown) =>
        this.options.log.error('job delivery failed', { queue: this.options.queue, id: job.id, error: String(error) }),
      )
      .finally(() => {
        this.running -= 1;
        this.notify();
      });
  }

  private idle(ms: number): Promise<void> {
    if (this.noticed && this.running < this.options.concurrency) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
