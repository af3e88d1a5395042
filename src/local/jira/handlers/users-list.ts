/**
 * GET /rest/api/3/users/search ("Get all users"): every account "including active users, inactive users and
 * previously deleted users", so app accounts too (the caller filters on `accountType` and `active`), in the seed's
 * order from `startAt`, `maxResults` "limited to 1000" (a larger value is cut to 1000, never an error). Privacy
 * controls apply as in every user reply: hidden e-mails are absent. Only for holders of the "Browse users and
 * groups" global permission, else 403 (the spec's table); a paging value that is not a non-negative integer is 400.
 */
import type { Handler } from '../context';
import { badRequest, JiraHttpError, jsonResponse } from '../errors';
import { permissionsOf } from '../permissions';
import { userView } from '../views';

/** The spec: "The maximum number of items to return (limited to 1000)". */
export const MAX_USERS_PER_PAGE = 1000;

function paging(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0)
    throw badRequest([`The '${name}' parameter must be a non-negative integer.`]);
  return value;
}

export const listAllUsers: Handler = (ctx) => {
  if (!permissionsOf(ctx.state, ctx.actor.accountId, undefined).has('USER_PICKER')) {
    throw new JiraHttpError(403, ['You do not have the permission to browse users and groups.']);
  }
  const startAt = paging(ctx.url.searchParams, 'startAt', 0);
  const maxResults = Math.min(MAX_USERS_PER_PAGE, paging(ctx.url.searchParams, 'maxResults', 50));
  const everyone = [...ctx.state.seed.users.map((u) => u.accountId), ctx.state.seed.appAccountId];
  return jsonResponse(
    200,
    everyone.slice(startAt, startAt + maxResults).map((accountId) => userView(ctx.state, accountId)),
  );
};
