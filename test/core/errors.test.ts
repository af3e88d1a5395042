/** What a caught value says in a log line or a journal note, whatever was thrown. */
import { errorMessage, PermanentError } from '../../src/core/errors';

describe('errorMessage', () => {
  it("is an Error's own message, typed errors included", () => {
    expect(errorMessage(new Error('the portal is unreachable'))).toBe('the portal is unreachable');
    expect(errorMessage(new PermanentError('not-found', 'task 7 is gone', { code: 'b24:ERROR_TASK_NOT_FOUND' }))).toBe(
      'task 7 is gone',
    );
  });

  it('is the text of anything else that was thrown', () => {
    expect(errorMessage('refused')).toBe('refused');
    expect(errorMessage(429)).toBe('429');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
