/**
 * Hidden Jira e-mails: read through the bulk endpoint when a profile hides them, and when the site refuses that
 * call, matching carries on with what is visible: never a match on a name alone.
 */
import { emailsOf, findJiraUserByEmail } from '../../src/app/jira-emails';
import { PermanentError, RetryableError } from '../../src/core/errors';
import type { JiraPort, JiraUser } from '../../src/ports/jira';

const person = (accountId: string, displayName: string, emailAddress?: string): JiraUser => ({
  accountId,
  displayName,
  accountType: 'atlassian',
  active: true,
  ...(emailAddress ? { emailAddress } : {}),
});
const ANNA = person('a', 'Anna Schmidt', 'Anna@Example.com');
const DMITRI = person('d', 'Dmitri Ivanov');
const HIDDEN_EMAILS = new Map([['d', 'dmitri@example.com']]);

/** A Jira site as the matcher sees it: search by e-mail finds visible addresses only, by name finds anyone. */
function site(bulk: (ids: string[]) => Promise<Map<string, string>>): { jira: JiraPort; asked: string[][] } {
  const asked: string[][] = [];
  const everyone = [ANNA, DMITRI];
  const jira = {
    findUsers: (query: string) =>
      Promise.resolve(
        everyone.filter((u) =>
          query.includes('@')
            ? u.emailAddress?.toLowerCase() === query
            : u.displayName.toLowerCase().startsWith(query.toLowerCase()),
        ),
      ),
    getUserEmails: (ids: string[]) => {
      asked.push(ids);
      return bulk(ids);
    },
  } as Partial<JiraPort> as JiraPort;
  return { jira, asked };
}

const answering = (ids: string[]) =>
  Promise.resolve(new Map(ids.flatMap((id) => (HIDDEN_EMAILS.has(id) ? [[id, HIDDEN_EMAILS.get(id) ?? '']] : []))));
const refusing = () =>
  Promise.reject(new PermanentError('unauthorized', 'Jira GET /user/email/bulk: 401', { code: 'jira:401' }));

describe('hidden Jira e-mail addresses', () => {
  it('asks the bulk endpoint only for the people whose address is hidden', async () => {
    const { jira, asked } = site(answering);
    expect(await emailsOf(jira, [ANNA, DMITRI])).toEqual(
      new Map([
        ['a', 'anna@example.com'],
        ['d', 'dmitri@example.com'],
      ]),
    );
    expect(asked).toEqual([['d']]);
  });

  it('keeps the visible addresses when the bulk call is refused', async () => {
    const { jira } = site(refusing);
    expect(await emailsOf(jira, [ANNA, DMITRI])).toEqual(new Map([['a', 'anna@example.com']]));
  });

  it('lets a passing failure of the bulk call fail the job, so it is retried instead of leaving the person unmatched', async () => {
    const { jira } = site(() =>
      Promise.reject(new RetryableError('rate-limited', 'Jira GET /user/email/bulk: 429', { code: 'jira:429' })),
    );
    await expect(emailsOf(jira, [ANNA, DMITRI])).rejects.toBeInstanceOf(RetryableError);
  });

  it('finds a person who hides their address by name, confirmed by the address itself', async () => {
    const { jira } = site(answering);
    expect((await findJiraUserByEmail(jira, 'dmitri@example.com', 'Dmitri Ivanov'))?.accountId).toBe('d');
    expect(await findJiraUserByEmail(jira, 'someone.else@example.com', 'Dmitri Ivanov')).toBeUndefined();
  });

  it('matches nobody on a name alone when the bulk call is refused', async () => {
    const { jira } = site(refusing);
    expect(await findJiraUserByEmail(jira, 'dmitri@example.com', 'Dmitri Ivanov')).toBeUndefined();
    expect((await findJiraUserByEmail(jira, 'anna@example.com', 'Anna Schmidt'))?.accountId).toBe('a');
  });
});
