import { PermanentError, RetryableError, isPermanent, isRetryable, isSyncError } from '../../src/core/errors';

describe('the error hierarchy', () => {
  it('keeps reason, code, retry hint and cause', () => {
    const cause = new Error('socket hang up');
    const e = new RetryableError('rate-limited', 'Jira get issue failed with HTTP 429', {
      code: 'jira:429',
      retryAfterMs: 1500.2,
      cause,
    });
    expect(e).toMatchObject({
      name: 'RetryableError',
      reason: 'rate-limited',
      code: 'jira:429',
      retryable: true,
      retryAfterMs: 1501,
    });
    expect(e.cause).toBe(cause);
    expect(e).toBeInstanceOf(Error);
  });

  it('tells retryable from permanent; unknown errors count as retryable so they reach the dead-letter path', () => {
    const permanent = new PermanentError('not-found', 'gone', { code: 'jira:404' });
    expect(isRetryable(permanent)).toBe(false);
    expect(isPermanent(permanent, 'not-found')).toBe(true);
    expect(isPermanent(permanent, 'forbidden')).toBe(false);
    expect(isRetryable(new TypeError('bug'))).toBe(true);
    expect(isSyncError(new TypeError('bug'))).toBe(false);
    expect('cause' in permanent).toBe(false);
  });
});
