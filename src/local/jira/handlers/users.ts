/** /myself, /user, /user/search (e-mail or name prefix; hidden e-mails neither shown nor searchable), /mypermissions. */
import type { Handler } from '../context';
import { badRequest, JiraHttpError, jsonResponse, notFound } from '../errors';
import { userView } from '../views';
import { PERMISSIONS, permissionsOf } from '../permissions';

export const myself: Handler = (ctx) =>
  jsonResponse(200, { ...userView(ctx.state, ctx.actor.accountId), locale: 'en_US' });

export const getUser: Handler = (ctx) => {
  const accountId = ctx.url.searchParams.get('accountId');
  if (accountId === null || accountId === '') throw badRequest(['The accountId query parameter needs to be provided.']);
  if (!ctx.state.isKnownAccount(accountId))
    throw notFound('Specified user does not exist or you do not have required permissions');
  return jsonResponse(200, userView(ctx.state, accountId));
};

/**
 * Stricter than the community-observed behaviour (a hidden e-mail still matching): a user who hides their e-mail
 * is found by name only, so the app must cope with people it cannot match by e-mail.
 */
export const findUsers: Handler = (ctx) => {
  const query = (ctx.url.searchParams.get('query') ?? '').trim().toLowerCase();
  const accountId = ctx.url.searchParams.get('accountId');
  if (query === '' && accountId === null)
    throw badRequest(["One of 'query' or 'accountId' parameters must be provided."]);
  const startAt = Math.max(0, Number(ctx.url.searchParams.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(1000, Math.max(1, Number(ctx.url.searchParams.get('maxResults') ?? 50) || 50));
  const matches = ctx.state.seed.users.filter((u) => {
    if (accountId !== null) return u.accountId === accountId;
    const byEmail = u.emailHidden !== true && u.email.toLowerCase().startsWith(query);
    const byName =
      !query.includes('@') &&
      u.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(query) || u.displayName.toLowerCase().startsWith(query));
    return byEmail || byName;
  });
  return jsonResponse(
    200,
    matches.slice(startAt, startAt + maxResults).map((u) => userView(ctx.state, u.accountId)),
  );
};

export const myPermissions: Handler = (ctx) => {
  const requested = (ctx.url.searchParams.get('permissions') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (requested.length === 0) throw badRequest(['The permissions query parameter is required.']);
  const unknown = requested.filter((p) => !(p in PERMISSIONS));
  if (unknown.length > 0) throw badRequest([`Invalid permission key(s): ${unknown.join(', ')}`]);
  const projectKey = ctx.url.searchParams.get('projectKey') ?? ctx.url.searchParams.get('projectId');
  const project = projectKey === null ? undefined : ctx.state.projectByIdOrKey(projectKey);
  if (projectKey !== null && project === undefined)
    throw new JiraHttpError(404, [`No project could be found with key '${projectKey}'.`]);
  const held = permissionsOf(ctx.state, ctx.actor.accountId, project?.key);
  const permissions = Object.fromEntries(
    requested.map((key) => {
      const p = PERMISSIONS[key];
      return [
        key,
        { id: p?.id, key, name: p?.name, type: p?.type, description: p?.name, havePermission: held.has(key) },
      ];
    }),
  );
  return jsonResponse(200, { permissions });
};
