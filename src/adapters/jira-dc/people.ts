/**
 * People on Data Center. The user `key` is the identity the app keeps (in the port's `accountId`): it never
 * changes, while the `name` (the login) can be renamed by an administrator, so a name is looked up again whenever a
 * request must carry one and is never stored. Lookups are memoised per adapter call only, so a rename is seen by
 * the next call.
 */
import { z } from 'zod';
import type { JiraPort, JiraUser } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from '../jira/request';

export const dcUserSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  displayName: z.string().default(''),
  emailAddress: z.string().nullish(),
  active: z.boolean().default(true),
});

export type DcUser = z.infer<typeof dcUserSchema>;

/**
 * The port's user: `accountId` carries the key. A masked address ("x at y dot com", a site setting) or an empty
 * one is not an address, so it is left out as a hidden one is.
 */
export const toPortUser = (u: DcUser): JiraUser => ({
  accountId: u.key,
  displayName: u.displayName,
  ...(u.emailAddress && /^[^\s@]+@[^\s@]+$/.test(u.emailAddress) ? { emailAddress: u.emailAddress } : {}),
  accountType: 'atlassian',
  active: u.active,
});

export interface PeopleLookup {
  byKey(key: string): Promise<DcUser | null>;
  byName(name: string): Promise<DcUser | null>;
}

export const peopleLookup = (r: JiraRequester): PeopleLookup => {
  const keys = new Map<string, Promise<DcUser | null>>();
  const names = new Map<string, Promise<DcUser | null>>();
  const read = (cache: Map<string, Promise<DcUser | null>>, param: 'key' | 'username', value: string) => {
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    const path = `/rest/api/2/user?${param}=${enc(value)}`;
    const found = nullIfNotFound(r.json('get user', path, jsonBody('GET'), dcUserSchema));
    cache.set(value, found);
    return found;
  };
  return { byKey: (key) => read(keys, 'key', key), byName: (name) => read(names, 'username', name) };
};

/** Data Center's search pages at most 1000 people; `username=.` matches every login (Atlassian's own advice). */
const MAX_USERS_PER_PAGE = 1000;

type PeopleEndpoints = Pick<JiraPort, 'findUsers' | 'getUser' | 'listUsers' | 'getUserEmails' | 'getMyself'>;

export const peopleEndpoints = (r: JiraRequester): PeopleEndpoints => ({
  async findUsers(query) {
    const path = `/rest/api/2/user/search?username=${enc(query)}&maxResults=50`;
    return (await r.json('find users', path, jsonBody('GET'), z.array(dcUserSchema))).map(toPortUser);
  },

  async getUser(key) {
    const user = await peopleLookup(r).byKey(key);
    return user === null ? null : toPortUser(user);
  },

  async listUsers(startAt, maxResults) {
    const query = new URLSearchParams({
      username: '.',
      includeInactive: 'true',
      startAt: String(startAt),
      maxResults: String(Math.min(maxResults, MAX_USERS_PER_PAGE)),
    });
    const path = `/rest/api/2/user/search?${query.toString()}`;
    return (await r.json('list users', path, jsonBody('GET'), z.array(dcUserSchema))).map(toPortUser);
  },

  /** No bulk e-mail endpoint on Data Center: each person's resource shows the address as the site's setting allows. */
  async getUserEmails(keys) {
    const lookup = peopleLookup(r);
    const emails = new Map<string, string>();
    for (const key of new Set(keys)) {
      const user = await lookup.byKey(key);
      const email = user === null ? undefined : toPortUser(user).emailAddress;
      if (email !== undefined) emails.set(key, email.toLowerCase());
    }
    return emails;
  },

  async getMyself() {
    return toPortUser(await r.json('get myself', '/rest/api/2/myself', jsonBody('GET'), dcUserSchema));
  },
});
