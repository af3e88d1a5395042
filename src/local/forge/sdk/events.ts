/**
 * `@forge/events` under jest and the sandbox: the SDK's own Queue (its validators: ≤50 events, ≤200 KB,
 * delayInSeconds 0–900, queue-name pattern) with its transport pointed at the active local runtime.
 */
import { Queue as SdkQueue } from '@forge/events/out/queue';
import type { QueueParams, Body } from '@forge/events/out/types';
import { currentHost } from '../context';

type ApiClient = NonNullable<ConstructorParameters<typeof SdkQueue>[1]>;

const transport = ((path: string, init?: { body?: unknown }) => currentHost().eventsClient(path, init)) as unknown as ApiClient;

export class Queue<T extends Body = Body> extends SdkQueue<T> {
  constructor(queueParams: QueueParams, apiClient: ApiClient = transport) {
    super(queueParams, apiClient);
  }
}

export {
  InvalidQueueNameError,
  TooManyEventsError,
  PayloadTooBigError,
  NoEventsToPushError,
  RateLimitError,
  PartialSuccessError,
  InternalServerError,
  JobDoesNotExistError,
  InvalidPushSettingsError,
  InvocationLimitReachedError,
} from '@forge/events/out/errors';
export { JobProgress } from '@forge/events/out/jobProgress';
export { InvocationError } from '@forge/events/out/invocationError';
export { InvocationErrorCode } from '@forge/events/out/invocationErrorCode';
export type { JobStats } from '@forge/events/out/jobProgress';
export type { QueueResponse } from '@forge/events/out/queueResponse';
export type { RetryOptions } from '@forge/events/out/retryOptions';
export type { AsyncEvent, PushEvent, PushResult } from '@forge/events/out/types';
