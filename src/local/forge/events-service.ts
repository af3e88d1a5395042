/**
 * The async-events service's wire protocol (`POST /webhook/queue/{publish,stats,cancel}/...`), as the SDK's Queue
 * and JobProgress call it. Pushed events become jobs on the runtime's agenda; job progress is tracked per jobId.
 */
import { z } from 'zod';
import type { Clock } from '../contracts';
import type { Job, Work } from './delivery';
import type { QueueRateLimit } from './queue-rate';
import type { Agenda } from './scheduler';

const pushSchema = z.object({
  queueName: z.string(),
  jobId: z.string(),
  payload: z.array(
    z.object({
      body: z.record(z.string(), z.unknown()),
      delayInSeconds: z.number().min(0).max(900).optional(),
      concurrency: z.object({ key: z.string(), limit: z.number() }).optional(),
    }),
  ),
});
const jobRefSchema = z.object({ queueName: z.string(), jobId: z.string() });

interface JobProgress {
  total: number;
  success: number;
  failed: number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export class EventsService {
  private readonly progress = new Map<string, JobProgress>();
  private eventSeq = 0;

  /**
   * `maxEventBytes(queue)`: the per-event limit of the queue's consumer, if any (developer.atlassian.com/platform/
   * forge/limits-async-events: 100 KB per event for functions with a timeout over 55 s; the SDK itself checks the
   * 200 KB per push).
   */
  constructor(
    private readonly clock: Clock,
    private readonly agenda: Agenda<Work>,
    private readonly queues: () => Set<string>,
    private readonly maxEventBytes: (queueName: string) => number | undefined = () => undefined,
    private readonly pushRate?: QueueRateLimit,
  ) {}

  readonly client = (path: string, init?: { body?: unknown }): Promise<Response> => {
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    if (path.startsWith('/webhook/queue/publish/')) return Promise.resolve(this.push(body));
    if (path.startsWith('/webhook/queue/stats/')) return Promise.resolve(this.stats(body));
    if (path.startsWith('/webhook/queue/cancel/')) return Promise.resolve(this.cancel(body));
    return Promise.resolve(json(404, { message: `No events operation at ${path}` }));
  };

  private push(raw: unknown): Response {
    const parsed = pushSchema.safeParse(raw);
    if (!parsed.success) return json(400, { message: parsed.error.message });
    const { queueName, jobId, payload } = parsed.data;
    // Stricter than Forge, which accepts the push and never runs it: a queue with no consumer is a wiring bug.
    if (!this.queues().has(queueName))
      return json(404, { message: `No consumer in manifest.yml for queue ${queueName}` });
    const max = this.maxEventBytes(queueName);
    if (max !== undefined && payload.some((event) => Buffer.byteLength(JSON.stringify(event)) > max)) {
      // validatePushAPIResponse turns a 413 into the SDK's PayloadTooBigError with this message.
      return json(413, {
        errorMessage: `An event for queue ${queueName} exceeds ${max / 1024} KB, the limit for consumers with a timeout over 55 seconds.`,
      });
    }
    // validateAPIResponse turns a 429 into the SDK's RateLimitError ("Too many requests.").
    if (this.pushRate && !this.pushRate.admit(payload.length)) return json(429, { message: 'Too many requests.' });
    const now = this.clock.now();
    for (const event of payload) {
      const job: Job = {
        queueName,
        jobId,
        eventId: `${jobId}#${++this.eventSeq}`,
        body: event.body,
        delayInSeconds: event.delayInSeconds,
        concurrency: event.concurrency,
        pushedAt: now,
        retryCount: 0,
      };
      this.agenda.add(now + (event.delayInSeconds ?? 0) * 1000, { kind: 'job', job });
    }
    const progress = this.progress.get(jobId) ?? { total: 0, success: 0, failed: 0 };
    progress.total += payload.length;
    this.progress.set(jobId, progress);
    return json(201, {});
  }

  private stats(raw: unknown): Response {
    const ref = jobRefSchema.safeParse(raw);
    const progress = ref.success ? this.progress.get(ref.data.jobId) : undefined;
    if (!progress) return json(404, { message: 'job not found' });
    return json(200, {
      success: progress.success,
      failed: progress.failed,
      inProgress: progress.total - progress.success - progress.failed,
    });
  }

  private cancel(raw: unknown): Response {
    const ref = jobRefSchema.safeParse(raw);
    const progress = ref.success ? this.progress.get(ref.data.jobId) : undefined;
    if (!ref.success || !progress) return json(404, { message: 'job not found' });
    const removed = this.agenda.remove((w) => w.kind === 'job' && w.job.jobId === ref.data.jobId);
    progress.failed += removed;
    return new Response(null, { status: 204 });
  }

  finished(jobId: string, outcome: 'success' | 'failed'): void {
    const progress = this.progress.get(jobId);
    if (progress) progress[outcome] += 1;
  }

  clear(): void {
    this.pushRate?.clear();
    this.progress.clear();
    this.eventSeq = 0;
  }
}
