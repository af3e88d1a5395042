/**
 * GET /rest/api/3/user/email/bulk: people's e-mail addresses whatever their profile visibility. Atlassian: "For
 * Forge apps, this API only supports access via asApp() requests", and 401 "if a user is trying to access this
 * API": a person's Basic auth or an `asUser` call is refused, only the app's own account is answered.
 * The spec documents the 200 body as one UnrestrictedUserEmail object; a bulk answer needs one per account, so the
 * emulator answers an array of them (as Confluence's twin endpoint documents) and the app accepts either shape.
 */
import type { Handler } from '../context';
import { badRequest, JiraHttpError, jsonResponse } from '../errors';

/** The spec caps `accountId` at 128 entries. */
const MAX_EMAIL_ACCOUNT_IDS = 128;

export const getUserEmailBulk: Handler = (ctx) => {
  if (!ctx.actor.isApp) throw new JiraHttpError(401, ['This API is only available to apps (Forge: asApp requests).']);
  const accountIds = ctx.url.searchParams.getAll('accountId').filter((id) => id !== '');
  if (accountIds.length === 0) throw badRequest(['The accountId query parameter needs to be provided.']);
  if (accountIds.length > MAX_EMAIL_ACCOUNT_IDS)
    throw badRequest([`At most ${MAX_EMAIL_ACCOUNT_IDS} accountId values may be requested at once.`]);
  const found = [...new Set(accountIds)].flatMap((accountId) => {
    const user = ctx.state.user(accountId);
    return user ? [{ accountId, email: user.email }] : [];
  });
  return jsonResponse(200, found);
};
