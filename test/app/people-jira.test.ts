/**
 * The People tab's e-mail matching over Jira's account list: one pass over `/users/search` pages, hidden addresses
 * read in bulk, people matched on an address only, never on a name, and apps, customers and inactive accounts left out.
 */
import { jiraPeopleByEmail } from '../../src/app/admin/people-jira';
import type { AppDeps } from '../../src/app/deps';
import { PermanentError } from '../../src/core/errors';
import type { JiraPort, JiraUser } from '../../src/ports/jira';
import type { Logger } from '../../src/ports/log';

const account = (
  accountId: string,
  displayName: string,
  emailAddress?: string,
  over: Partial<JiraUser> = {},
): JiraUser => ({
  accountId,
  displayName,
  accountType: 'atlassian',
  active: true,
  ...(emailAddress ? { emailAddress } : {}),
  ...over,
});

const ANNA = account('a', 'Anna Schmidt', 'Anna@Example.com');
const DMITRI = account('d', 'Dmitri Ivanov');
const GONE = account('g', 'Gone Person', 'gone@example.com', { active: false });
const BOT = account('b', 'Build Bot', 'bot@example.com', { accountType: 'app' });
const HIDDEN_EMAILS = new Map([['d', 'dmitri@example.com']]);

interface Site {
  deps: AppDeps;
  pagesAsked: number[];
  bulkAsked: string[][];
}

/** A site whose account list answers at most `pageSize` accounts a call, whatever is asked. */
function site(everyone: JiraUser[], options: { pageSize?: number; bulkRefused?: boolean } = {}): Site {
  const pagesAsked: number[] = [];
  const bulkAsked: string[][] = [];
  const jira = {
    listUsers: (startAt: number, maxResults: number) => {
      pagesAsked.push(startAt);
      return Promise.resolve(everyone.slice(startAt, startAt + Math.min(maxResults, options.pageSize ?? maxResults)));
    },
    getUserEmails: (ids: string[]) => {
      bulkAsked.push(ids);
      if (options.bulkRefused)
        return Promise.reject(
          new PermanentError('unauthorized', 'Jira GET /user/email/bulk: 401', { code: 'jira:401' }),
        );
      return Promise.resolve(
        new Map(ids.flatMap((id) => (HIDDEN_EMAILS.has(id) ? [[id, HIDDEN_EMAILS.get(id) ?? '']] : []))),
      );
    },
  } as Partial<JiraPort> as JiraPort;
  const log: Partial<Logger> = { warn: () => undefined };
  return { deps: { jira, log } as Partial<AppDeps> as AppDeps, pagesAsked, bulkAsked };
}

const ids = (found: Map<string, { id: string }>): Record<string, string> =>
  Object.fromEntries([...found].map(([email, p]) => [email, p.id]));

describe("matching Bitrix24 e-mails against Jira's account list", () => {
  it('matches visible addresses without any bulk call, and hidden ones through one', async () => {
    const visibleOnly = site([ANNA, DMITRI]);
    expect(
      ids(await jiraPeopleByEmail(visibleOnly.deps, [{ email: 'anna@example.com', name: 'Anna Schmidt' }])),
    ).toEqual({ 'anna@example.com': 'a' });
    expect(visibleOnly.bulkAsked).toEqual([]);

    const withHidden = site([ANNA, DMITRI]);
    const wanted = [
      { email: 'anna@example.com', name: 'Anna' },
      { email: 'dmitri@example.com', name: 'Someone Else' },
    ];
    expect(ids(await jiraPeopleByEmail(withHidden.deps, wanted))).toEqual({
      'anna@example.com': 'a',
      'dmitri@example.com': 'd',
    });
    expect(withHidden.bulkAsked).toEqual([['d']]);
  });

  it('never matches on a name alone, and leaves apps and inactive accounts out', async () => {
    const refused = site([ANNA, DMITRI], { bulkRefused: true });
    expect(
      ids(await jiraPeopleByEmail(refused.deps, [{ email: 'dmitri@example.com', name: 'Dmitri Ivanov' }])),
    ).toEqual({});
    const others = site([GONE, BOT]);
    expect(
      ids(
        await jiraPeopleByEmail(others.deps, [
          { email: 'gone@example.com', name: 'Gone Person' },
          { email: 'bot@example.com', name: 'Build Bot' },
        ]),
      ),
    ).toEqual({});
  });

  it('pages on by what each page returned until an empty one, and stops early once every address is visible', async () => {
    const many = Array.from({ length: 7 }, (_, i) => account(`p${i}`, `Person ${i}`, `p${i}@example.com`));
    const short = site(many, { pageSize: 3 });
    expect(
      ids(
        await jiraPeopleByEmail(short.deps, [
          { email: 'p6@example.com', name: '' },
          { email: 'nobody@example.com', name: '' },
        ]),
      ),
    ).toEqual({ 'p6@example.com': 'p6' });
    expect(short.pagesAsked).toEqual([0, 3, 6, 7]);
    const early = site(many, { pageSize: 3 });
    await jiraPeopleByEmail(early.deps, [{ email: 'p1@example.com', name: '' }]);
    expect(early.pagesAsked).toEqual([0]);
  });

  it('asks nothing when nobody is wanted', async () => {
    const idle = site([ANNA]);
    expect((await jiraPeopleByEmail(idle.deps, [])).size).toBe(0);
    expect(idle.pagesAsked).toEqual([]);
  });
});
