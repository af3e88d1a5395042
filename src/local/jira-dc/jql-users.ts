/**
 * JQL on Data Center names people by user name (or key): `assignee = anna.schmidt`, `reporter in (…)`,
 * `currentUser()` ("JQL functions", confluence.atlassian.com/jirasoftwareserver/advanced-searching-functions-reference-939938746.html).
 * The shared matcher compares account ids, so names and keys are resolved first; a name nobody has is the error
 * Jira gives for it: "The value 'x' does not exist for the field 'assignee'."
 */
import { badRequest } from '../jira/errors';
import { parseJql, type Expr, type JqlQuery } from '../jira/jql';
import type { DcDirectory } from './directory';

const USER_FIELDS = new Set(['assignee', 'reporter']);

function resolve(directory: DcDirectory, expr: Expr): Expr {
  if (expr.kind === 'and' || expr.kind === 'or')
    return { ...expr, items: expr.items.map((e) => resolve(directory, e)) };
  if (expr.kind === 'not') return { ...expr, item: resolve(directory, expr.item) };
  if (expr.kind !== 'field' || !USER_FIELDS.has(expr.field)) return expr;
  return {
    ...expr,
    values: expr.values.map((v) => {
      if (v === null) return null;
      const user = directory.byNameOrKey(v);
      if (user === undefined)
        throw badRequest([`Error in the JQL Query: The value '${v}' does not exist for the field '${expr.field}'.`]);
      return user.accountId;
    }),
  };
}

export function parseDcJql(directory: DcDirectory, jql: string, now: number, callerId: string): JqlQuery {
  const me = directory.byAccountId(callerId)?.name ?? '';
  const query = parseJql(jql, now, me);
  return { ...query, where: query.where === null ? null : resolve(directory, query.where) };
}
