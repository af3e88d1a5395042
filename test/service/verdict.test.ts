import { backoffSeconds } from '../../src/app/retry-policy';
import { serviceVerdict } from '../../src/service/verdict';

describe("the service's verdict on a sync job's outcome", () => {
  it('is done when the job is done', () => {
    expect(serviceVerdict({ kind: 'done' }, 3)).toEqual({ kind: 'done' });
  });

  it('dead-letters a job that failed, with its message as the reason', () => {
    expect(serviceVerdict({ kind: 'failed', message: 'The task is gone.' }, 0)).toEqual({
      kind: 'dead',
      reason: 'The task is gone.',
    });
  });

  it("retries after the retry policy's backoff for the attempt", () => {
    expect(serviceVerdict({ kind: 'retry', rateLimited: false }, 2)).toEqual({
      kind: 'retry',
      afterSeconds: backoffSeconds(2),
    });
  });

  it("never retries sooner than the remote's Retry-After", () => {
    expect(serviceVerdict({ kind: 'retry', rateLimited: true, retryAfterMs: 600_000 }, 0)).toEqual({
      kind: 'retry',
      afterSeconds: 600,
    });
  });
});
