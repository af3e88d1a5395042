/**
 * The Jira person of each Bitrix24 e-mail, found in one pass over Jira's account list (`/users/search`, up to 1000
 * a page) rather than with a search per person: at a typical 200 ms a call, searching person by person ran out of
 * the People tab's 25 s past about 115 people. Addresses that profiles hide are read in bulk (`/user/email/bulk`,
 * 100 a call, see jira-emails.ts); a person is matched on an address only, never on a name.
 */
import type { JiraUser } from '../../ports/jira';
import type { AppDeps } from '../deps';
import { emailsOf } from '../jira-emails';
import type { Person } from './people-directory';

const PAGE = 1000;
/** 20,000 accounts, 20 calls (about 4 s): a site larger than that is read only this far, and says so in the log. */
const MAX_PAGES = 20;
/** Hidden addresses read per tab load: 20 bulk calls, about 4 s. */
const MAX_HIDDEN = 2000;

export interface Wanted {
  /** Lower case. */
  email: string;
  name: string;
}

const normalised = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Active people (not apps, not customers) with their visible addresses, up to the page cap. */
async function listPeople(deps: AppDeps, wanted: Set<string>): Promise<{ people: JiraUser[]; complete: boolean }> {
  const people: JiraUser[] = [];
  const visible = new Set<string>();
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    // Jira may answer fewer than asked before the end: only an empty page ends the list.
    const users = await deps.jira.listUsers(startAt, PAGE);
    if (users.length === 0) return { people, complete: true };
    startAt += users.length;
    for (const u of users.filter((x) => x.active && x.accountType === 'atlassian')) {
      people.push(u);
      const email = u.emailAddress?.toLowerCase();
      if (email !== undefined && wanted.has(email)) visible.add(email);
    }
    // Everyone wanted has shown a visible address: the rest of the site cannot change a match.
    if (visible.size === wanted.size) return { people, complete: true };
  }
  return { people, complete: false };
}

/**
 * Hidden addresses to read, those whose name matches a wanted person first (the likeliest matches), up to the cap.
 */
function hiddenToRead(people: JiraUser[], missing: Wanted[]): JiraUser[] {
  const names = new Set(missing.map((w) => normalised(w.name)));
  const hidden = people.filter((u) => !u.emailAddress);
  const likely = hidden.filter((u) => names.has(normalised(u.displayName)));
  const others = hidden.filter((u) => !names.has(normalised(u.displayName)));
  return [...likely, ...others].slice(0, MAX_HIDDEN);
}

/** E-mail (lower case) → the Jira person with that address; the first account wins when two share one. */
export async function jiraPeopleByEmail(deps: AppDeps, wanted: Wanted[]): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  if (wanted.length === 0) return found;
  const emails = new Set(wanted.map((w) => w.email));
  const { people, complete } = await listPeople(deps, emails);
  const take = (u: JiraUser, email: string | undefined): void => {
    if (email !== undefined && emails.has(email) && !found.has(email))
      found.set(email, { id: u.accountId, name: u.displayName, email });
  };
  for (const u of people) take(u, u.emailAddress?.toLowerCase());
  const missing = wanted.filter((w) => !found.has(w.email));
  if (missing.length > 0) {
    const toRead = hiddenToRead(people, missing);
    const hiddenEmails = toRead.length > 0 ? await emailsOf(deps.jira, toRead, deps.log) : new Map<string, string>();
    for (const u of toRead) take(u, hiddenEmails.get(u.accountId));
  }
  if (!complete)
    deps.log.warn('the Jira site has more accounts than the People tab reads; some people may show as unmatched', {
      accountsRead: people.length,
    });
  return found;
}
