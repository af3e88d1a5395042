/**
 * GET /rest/api/3/user/email/bulk through the Jira client: repeated `accountId` parameters, chunked, and either
 * reply shape (the spec's single UnrestrictedUserEmail object, or one per account); a refusal is a typed error.
 */
import { createJiraClient } from '../../../src/adapters/jira/client';
import { EMAILS_PER_REQUEST } from '../../../src/adapters/jira/user-emails';
import { fakeTransport, fixedClock, reply } from '../support';

const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  return { jira: createJiraClient(fake.transport, { clock: fixedClock(0) }), requests: fake.requests };
};

describe('Jira client: hidden e-mail addresses', () => {
  it('asks with one accountId parameter per person and reads an array reply', async () => {
    const { jira, requests } = client(
      reply(200, [{ accountId: 'a:1', email: 'Dmitri@Example.com' }, { accountId: 'b' }]),
    );
    expect(await jira.getUserEmails(['a:1', 'b', 'a:1'])).toEqual(new Map([['a:1', 'dmitri@example.com']]));
    expect(requests.map((r) => [r.init.method, r.url])).toEqual([
      ['GET', '/rest/api/3/user/email/bulk?accountId=a%3A1&accountId=b'],
    ]);
  });

  it('reads the single-object shape the spec documents', async () => {
    const { jira } = client(reply(200, { accountId: 'a', email: 'anna@example.com' }));
    expect(await jira.getUserEmails(['a'])).toEqual(new Map([['a', 'anna@example.com']]));
  });

  it(`asks at most ${EMAILS_PER_REQUEST} people per request`, async () => {
    const ids = Array.from({ length: EMAILS_PER_REQUEST + 1 }, (_, i) => `id${i}`);
    const { jira, requests } = client(reply(200, []), reply(200, [{ accountId: 'id100', email: 'last@example.com' }]));
    expect(await jira.getUserEmails(ids)).toEqual(new Map([['id100', 'last@example.com']]));
    expect(requests.map((r) => new URL(r.url, 'https://x').searchParams.getAll('accountId').length)).toEqual([
      EMAILS_PER_REQUEST,
      1,
    ]);
  });

  it('turns a refusal into a permanent error', async () => {
    const { jira } = client(reply(401, { errorMessages: ['not for users'] }));
    await expect(jira.getUserEmails(['a'])).rejects.toMatchObject({ retryable: false });
  });
});
