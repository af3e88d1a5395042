/**
 * Who exists on each side, for the People tab. Bitrix24 lists its active users (user.get pages through one batch).
 * The Jira side shown is the people who work in the project, not the whole site: the assignees and reporters of its
 * recently updated issues, plus whoever an override names (matching by e-mail reads the site's list: people-jira.ts).
 */
import { z } from 'zod';
import type { JiraUserRef } from '../../core/remote/jira';
import type { AppDeps } from '../deps';
import { emailsOf } from '../jira-emails';

export interface Person {
  id: string;
  name: string;
  email: string | null;
}

const PAGE = 50;
const PAGES_PER_BATCH = 10;
const MAX_B24_USERS = 2000;
const RECENT_ISSUES = 100;

const b24UserRow = z.object({
  ID: z.coerce.string(),
  NAME: z.string().nullish(),
  LAST_NAME: z.string().nullish(),
  EMAIL: z.string().nullish(),
});

export async function listB24People(deps: AppDeps): Promise<Person[]> {
  const people: Person[] = [];
  for (let start = 0; start < MAX_B24_USERS; start += PAGE * PAGES_PER_BATCH) {
    const commands = Object.fromEntries(
      Array.from({ length: PAGES_PER_BATCH }, (_, i) => [
        `p${i}`,
        { method: 'user.get', params: { FILTER: { ACTIVE: true }, start: start + i * PAGE } },
      ]),
    );
    const { results } = await deps.b24.batch(commands);
    let full = true;
    for (let i = 0; i < PAGES_PER_BATCH && full; i += 1) {
      const rows = z.array(b24UserRow).safeParse(results[`p${i}`]);
      const page = rows.success ? rows.data : [];
      people.push(
        ...page.map((u) => ({
          id: u.ID,
          name: `${u.NAME ?? ''} ${u.LAST_NAME ?? ''}`.trim() || `#${u.ID}`,
          email: u.EMAIL ? u.EMAIL.toLowerCase() : null,
        })),
      );
      full = page.length === PAGE;
    }
    if (!full) break;
  }
  // Pages may overlap when users are added while reading.
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

/** People of the project, with hidden e-mail addresses read in one bulk call (or left null if that is refused). */
export async function listJiraPeople(deps: AppDeps, projectKey: string, extraAccountIds: string[]): Promise<Person[]> {
  const found = new Map<string, JiraUserRef>();
  const page = await deps.jira.searchJql(`project = "${projectKey.replace(/"/g, '')}" ORDER BY updated DESC`, {
    maxResults: RECENT_ISSUES,
  });
  for (const issue of page.issues) {
    for (const ref of [issue.fields.assignee, issue.fields.reporter]) if (ref) found.set(ref.accountId, ref);
  }
  for (const accountId of extraAccountIds.filter((id) => !found.has(id))) {
    const user = await deps.jira.getUser(accountId);
    if (user) found.set(accountId, user);
  }
  const emails = await emailsOf(deps.jira, [...found.values()], deps.log);
  return [...found.values()].map((u) => ({
    id: u.accountId,
    name: u.displayName,
    email: emails.get(u.accountId) ?? null,
  }));
}
