/**
 * JobQueue over a Forge `@forge/events` Queue. One push takes at most 50 events and 200 KB of JSON (the SDK's
 * own client-side checks), so jobs are split into as many pushes as those limits need.
 */
import { InternalServerError, PartialSuccessError, Queue, RateLimitError } from '@forge/events';
import { errorMessage, PermanentError, RetryableError } from '../../core/errors';
import { MAX_QUEUE_DELAY_SECONDS, type JobBody, type JobQueue } from '../../ports/queue';

export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_BYTES_PER_PUSH = 200 * 1024;

interface PushEvent {
  body: JobBody;
  delayInSeconds?: number;
}

/** The slice of `@forge/events` Queue this adapter uses. */
export interface QueueClient {
  push(events: PushEvent[]): Promise<unknown>;
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Greedy split: keeps order, never exceeds either limit (the `[]` and commas are counted). */
export const chunkEvents = (events: PushEvent[]): PushEvent[][] => {
  const chunks: PushEvent[][] = [];
  let current: PushEvent[] = [];
  let size = 2;
  for (const event of events) {
    const eventBytes = bytes(event);
    if (eventBytes + 2 > MAX_BYTES_PER_PUSH) {
      throw new PermanentError(
        'validation',
        `A job of ${eventBytes} bytes exceeds the queue's ${MAX_BYTES_PER_PUSH}-byte push limit`,
        {
          code: 'queue:payload-too-big',
        },
      );
    }
    const separator = current.length === 0 ? 0 : 1;
    if (current.length === MAX_EVENTS_PER_PUSH || size + separator + eventBytes > MAX_BYTES_PER_PUSH) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    size += (current.length === 0 ? 0 : 1) + eventBytes;
    current.push(event);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const translate = (e: unknown): Error => {
  const message = `Queue push failed: ${errorMessage(e)}`;
  if (e instanceof RateLimitError)
    return new RetryableError('rate-limited', message, { code: 'queue:rate-limited', cause: e });
  // A partial success re-pushes the whole chunk on retry; duplicates are harmless because jobs carry only ids.
  if (e instanceof InternalServerError || e instanceof PartialSuccessError) {
    return new RetryableError('server-error', message, { code: 'queue:server-error', cause: e });
  }
  return new PermanentError('invalid-request', message, { code: 'queue:refused', cause: e });
};

export const createJobQueue = (client: QueueClient): JobQueue => ({
  async push(jobs, options = {}) {
    const delay =
      options.delaySeconds === undefined
        ? undefined
        : Math.min(Math.max(0, Math.ceil(options.delaySeconds)), MAX_QUEUE_DELAY_SECONDS);
    const events = jobs.map((body) =>
      delay === undefined || delay === 0 ? { body } : { body, delayInSeconds: delay },
    );
    for (const chunk of chunkEvents(events)) {
      try {
        await client.push(chunk);
      } catch (e) {
        throw translate(e);
      }
    }
  },
});

export const createForgeJobQueue = (key: string): JobQueue => createJobQueue(new Queue({ key }));
