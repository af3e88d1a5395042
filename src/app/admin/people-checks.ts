/**
 * Every person the People tab names is looked up in the real directory before anything is saved: a Bitrix24 id
 * nobody holds, or a Jira account that does not exist, would make every task of an unmatched person fail later.
 * Each problem is a sentence for the row it belongs to (`overrides.2.jiraAccountId`, `fallback.b24UserId`).
 * Rows saved before are not looked up again (a save may list hundreds; Bitrix24 allows about two calls a second),
 * so only what the administrator added or changed costs calls.
 */
import type { AppDeps } from '../deps';
import { b24Failure, jiraFailure, notSavedBecause, worded, type Worded } from './admin-errors';
import type { SavePeopleInput } from './people';

export interface RowProblem extends Worded {
  path: string;
}

async function b24Problem(deps: AppDeps, userId: string): Promise<Worded | null> {
  if (!/^[1-9]\d{0,17}$/.test(userId))
    return worded(`"${userId}" is not a Bitrix24 user id (a number such as 12).`, 'people.notB24Id', { user: userId });
  const user = await deps.b24.getUser(userId).catch((error: unknown) => {
    throw notSavedBecause('The people settings were not saved', 'people.notSavedBecause', b24Failure(error));
  });
  if (!user) return worded(`Bitrix24 has no user with id ${userId}.`, 'people.noB24User', { user: userId });
  const name = `${user.name} ${user.lastName}`.trim();
  return user.active
    ? null
    : worded(`Bitrix24 user ${userId} (${name}) is deactivated.`, 'people.b24Deactivated', { user: userId, name });
}

async function jiraProblem(deps: AppDeps, accountId: string): Promise<Worded | null> {
  const user = await deps.jira.getUser(accountId).catch((error: unknown) => {
    throw notSavedBecause('The people settings were not saved', 'people.notSavedBecause', jiraFailure(error));
  });
  const params = { account: accountId, name: user?.displayName ?? '' };
  if (!user) return worded(`Jira has no account ${accountId}.`, 'people.noJiraAccount', { account: accountId });
  if (user.accountType !== 'atlassian')
    return worded(`Jira account ${accountId} (${user.displayName}) is not a person.`, 'people.jiraNotPerson', params);
  return !user.active
    ? worded(`Jira account ${accountId} (${user.displayName}) is deactivated.`, 'people.jiraDeactivated', params)
    : null;
}

export async function peopleDirectoryProblems(
  deps: AppDeps,
  input: SavePeopleInput,
  saved: readonly { b24UserId: string; jiraAccountId: string }[] = [],
): Promise<RowProblem[]> {
  const known = new Set(saved.map((o) => `${o.b24UserId} ${o.jiraAccountId}`));
  const rows: { path: string; side: 'b24' | 'jira'; id: string }[] = input.overrides.flatMap((o, i) =>
    known.has(`${o.b24UserId} ${o.jiraAccountId}`)
      ? []
      : [
          { path: `overrides.${i}.b24UserId`, side: 'b24' as const, id: o.b24UserId },
          { path: `overrides.${i}.jiraAccountId`, side: 'jira' as const, id: o.jiraAccountId },
        ],
  );
  if (input.fallback.kind === 'default-user') {
    rows.push(
      { path: 'fallback.b24UserId', side: 'b24', id: input.fallback.b24UserId },
      { path: 'fallback.jiraAccountId', side: 'jira', id: input.fallback.jiraAccountId },
    );
  }
  const problems: RowProblem[] = [];
  const seen = new Map<string, Worded | null>();
  for (const row of rows) {
    const key = `${row.side}:${row.id}`;
    if (!seen.has(key))
      seen.set(key, row.side === 'b24' ? await b24Problem(deps, row.id) : await jiraProblem(deps, row.id));
    const problem = seen.get(key);
    if (problem) problems.push({ path: row.path, ...problem });
  }
  return problems;
}
