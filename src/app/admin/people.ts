/**
 * The People tab: everyone matched by e-mail, who is left unmatched on each side, the admin's overrides and the
 * fallback for people nobody matched (which never clears a field: design §5, "Users").
 */
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { b24Failure, AdminError, type Worded } from './admin-errors';
import { listB24People, listJiraPeople, type Person } from './people-directory';
import { jiraPeopleByEmail } from './people-jira';

const id = z.string().trim().min(1).max(128);

/** What the People tab saves: the checks of the directory and the save itself both read it. */
export const savePeopleInput = z.object({
  overrides: z.array(z.object({ b24UserId: id, jiraAccountId: id })).max(500),
  fallback: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('leave-unchanged') }),
    z.object({ kind: z.literal('default-user'), b24UserId: id, jiraAccountId: id }),
  ]),
});
export type SavePeopleInput = z.infer<typeof savePeopleInput>;

export interface PeopleOverride {
  b24UserId: string;
  jiraAccountId: string;
}

export type PeopleFallback =
  { kind: 'leave-unchanged' } | { kind: 'default-user'; b24UserId: string; jiraAccountId: string };

export interface PeopleSettings {
  overrides: PeopleOverride[];
  fallback: PeopleFallback;
}

export interface PeopleReport {
  matched: { b24: Person; jira: Person; by: 'email' | 'override' }[];
  unmatchedB24: Person[];
  unmatchedJira: Person[];
  overrides: PeopleOverride[];
  fallback: PeopleFallback;
}

export async function matchPeople(deps: AppDeps, projectKey: string, settings: PeopleSettings): Promise<PeopleReport> {
  let b24People: Person[];
  try {
    b24People = await listB24People(deps);
  } catch (error) {
    throw AdminError.of(b24Failure(error));
  }
  const overrideByB24 = new Map(settings.overrides.map((o) => [o.b24UserId, o.jiraAccountId]));
  const jiraPeople = await listJiraPeople(
    deps,
    projectKey,
    settings.overrides.map((o) => o.jiraAccountId),
  );
  const jiraById = new Map(jiraPeople.map((p) => [p.id, p]));
  // The project's people come with their e-mails (hidden ones included): the site's list is read only for the rest.
  const jiraByEmail = new Map(jiraPeople.flatMap((p) => (p.email ? [[p.email, p] as const] : [])));
  const wanted = b24People.flatMap((p) =>
    p.email && !overrideByB24.has(p.id) && !jiraByEmail.has(p.email) ? [{ email: p.email, name: p.name }] : [],
  );
  for (const [email, person] of await jiraPeopleByEmail(deps, wanted)) jiraByEmail.set(email, person);
  const report: PeopleReport = {
    matched: [],
    unmatchedB24: [],
    unmatchedJira: [],
    overrides: settings.overrides,
    fallback: settings.fallback,
  };
  for (const person of b24People) {
    const overridden = overrideByB24.get(person.id);
    if (overridden) {
      report.matched.push({
        b24: person,
        jira: jiraById.get(overridden) ?? { id: overridden, name: overridden, email: null },
        by: 'override',
      });
      continue;
    }
    const jira = person.email ? jiraByEmail.get(person.email) : undefined;
    if (jira) report.matched.push({ b24: person, jira, by: 'email' });
    else report.unmatchedB24.push(person);
  }
  const matchedJira = new Set(report.matched.map((m) => m.jira.id));
  report.unmatchedJira = jiraPeople.filter((p) => !matchedJira.has(p.id));
  return report;
}

/** The same Jira or Bitrix24 person in two overrides would make the user map ambiguous. */
export function overrideProblems(overrides: PeopleOverride[]): ({ path: string } & Worded)[] {
  const problems: ({ path: string } & Worded)[] = [];
  const seenB24 = new Set<string>();
  const seenJira = new Set<string>();
  overrides.forEach((o, i) => {
    if (seenB24.has(o.b24UserId))
      problems.push({
        path: `overrides.${i}.b24UserId`,
        message: `Bitrix24 user ${o.b24UserId} is mapped twice.`,
        code: 'people.b24Twice',
        params: { user: o.b24UserId },
      });
    if (seenJira.has(o.jiraAccountId))
      problems.push({
        path: `overrides.${i}.jiraAccountId`,
        message: `Jira user ${o.jiraAccountId} is mapped twice.`,
        code: 'people.jiraTwice',
        params: { user: o.jiraAccountId },
      });
    seenB24.add(o.b24UserId);
    seenJira.add(o.jiraAccountId);
  });
  return problems;
}
