/** Database failures typed once: what a retry can cure (connection, deadlock, shutdown) versus what it cannot. */
import { translateSqlError } from '../../src/adapters/sql/errors';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('translateSqlError', () => {
  it.each([
    ['40001', 'could not serialize access'],
    ['40P01', 'deadlock detected'],
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
    ['53300', 'too many connections'],
  ])('retries SQLSTATE %s (%s)', (code, message) => {
    expect(translateSqlError('write', pgError(code, message))).toMatchObject({
      retryable: true,
      reason: 'server-error',
      code: `sql:${code}`,
    });
  });

  it('retries a failure with no SQLSTATE: the driver got no answer', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(translateSqlError('read', refused)).toMatchObject({
      retryable: true,
      reason: 'network',
      message: 'Database read failed: connect ECONNREFUSED 127.0.0.1:5432',
    });
  });

  it('gives up on a statement the server refuses, keeping the cause', () => {
    const cause = pgError('23505', 'duplicate key value violates unique constraint');
    const error = translateSqlError('write', cause);
    expect(error).toMatchObject({ retryable: false, reason: 'invalid-request', code: 'sql:23505', cause });
  });
});
