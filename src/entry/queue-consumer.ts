/**
 * The shape every queue consumer shares: validate the job body, run it, and turn "retry later" into an
 * InvocationError so Forge retries after `retryAfter` (functions never sleep). A malformed body is logged and
 * dropped: retrying cannot make it valid.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { z } from 'zod';
import type { AppDeps } from '../app/deps';
import type { JobOutcome } from '../app/run-sync-job';
import { composeApp } from './composition';
import { retryDecision } from '../app/retry-policy';

export interface QueueEvent {
  body: unknown;
  retryContext?: { retryCount?: number };
}

export function queueConsumer<T>(
  name: string,
  schema: z.ZodType<T>,
  run: (job: T, deps: AppDeps, options: { attempt: number }) => Promise<JobOutcome>,
): (event: QueueEvent) => Promise<InvocationError | undefined> {
  return async (event) => {
    const deps = composeApp({ handler: name });
    const parsed = schema.safeParse(event.body);
    if (!parsed.success) {
      deps.log.error(`dropped a malformed ${name} job`, { problems: parsed.error.issues.length });
      return undefined;
    }
    const attempt = event.retryContext?.retryCount ?? 0;
    const decision = retryDecision(await run(parsed.data, deps, { attempt }), attempt);
    if (!decision) return undefined;
    return new InvocationError({
      retryAfter: decision.retryAfterSeconds,
      retryReason: decision.rateLimited
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  };
}
