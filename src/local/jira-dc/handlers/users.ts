/**
 * People on REST v2 ([REST] "api/2/user", "api/2/myself", "api/2/user/search", "api/2/user/assignable/search"):
 * addressed by `username` or `key`, searched with the `username` parameter (a prefix of the name, display name or
 * e-mail), paged by `startAt`/`maxResults` (at most 1000). A hidden e-mail is neither shown nor matched
 * (stricter: the reference does not say whether search matches a hidden address).
 */
import { badRequest, jsonResponse, notFound } from '../../jira/errors';
import { can } from '../../jira/permissions';
import type { DcContext, DcHandler } from '../context';
import type { DcUser } from '../directory';

export const myself: DcHandler = (ctx) =>
  jsonResponse(200, {
    ...ctx.site.directory.view(ctx.actor.accountId),
    groups: { size: 0, items: [] },
    expand: 'groups,applicationRoles',
  });

export const getUser: DcHandler = (ctx) => {
  const q = ctx.url.searchParams;
  const username = q.get('username');
  const key = q.get('key');
  if (username === null && key === null)
    throw badRequest(["Either the 'username' or the 'key' query parameters need to be provided"]);
  const { directory } = ctx.site;
  const user = username !== null ? directory.byName(username) : directory.byKey(key ?? '');
  if (user === undefined)
    throw notFound(
      username !== null
        ? `The user named '${username}' does not exist`
        : `The user with the key '${key ?? ''}' does not exist`,
    );
  return jsonResponse(200, directory.view(user.accountId));
};

function page(ctx: DcContext): { startAt: number; maxResults: number } {
  const q = ctx.url.searchParams;
  const startAt = Number(q.get('startAt') ?? 0);
  const maxResults = Number(q.get('maxResults') ?? 50);
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 0)
    throw badRequest(["'startAt' and 'maxResults' must be non-negative integers."]);
  return { startAt, maxResults: Math.min(1000, maxResults) };
}

/**
 * `username=.` matches every login: not in the REST reference, but what Data Center answers and what clients that
 * list all people rely on (the reference has no "all users" resource before `user/list`).
 */
const EVERYONE = '.';

function matching(ctx: DcContext, query: string): DcUser[] {
  const lower = query.toLowerCase();
  const { directory } = ctx.site;
  if (lower === EVERYONE) return [...directory.all()];
  return directory.all().filter((u) => {
    const email = directory.shownEmail(u);
    return (
      u.name.startsWith(lower) ||
      u.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(lower)) ||
      (email !== undefined && email.toLowerCase().startsWith(lower))
    );
  });
}

export const findUsers: DcHandler = (ctx) => {
  const username = ctx.url.searchParams.get('username');
  if (username === null || username.trim() === '') throw badRequest(['The username query parameter was not provided']);
  const { startAt, maxResults } = page(ctx);
  const found = matching(ctx, username.trim()).slice(startAt, startAt + maxResults);
  return jsonResponse(
    200,
    found.map((u) => ctx.site.directory.view(u.accountId)),
  );
};

/** Needs `project` or `issueKey`; lists only holders of Assignable User there ([P] of the Cloud emulator). */
export const findAssignableUsers: DcHandler = (ctx) => {
  const q = ctx.url.searchParams;
  const { state } = ctx.site;
  const issueKey = q.get('issueKey');
  const projectRef = q.get('project');
  if (issueKey === null && projectRef === null)
    throw badRequest(["At least one of 'project' or 'issueKey' must be provided."]);
  const issue = issueKey === null ? undefined : state.findIssue(issueKey);
  if (issueKey !== null && issue === undefined) throw notFound(`Issue '${issueKey}' does not exist.`);
  const project = issue !== undefined ? state.projectOf(issue) : state.projectByIdOrKey(projectRef ?? '');
  if (project === undefined || !can(state, ctx.actor.accountId, project.key, 'BROWSE_PROJECTS'))
    throw notFound(`No project could be found with key '${projectRef ?? ''}'.`);
  const { startAt, maxResults } = page(ctx);
  const query = (q.get('username') ?? '').trim();
  const candidates = query === '' ? ctx.site.directory.all() : matching(ctx, query);
  const found = candidates.filter((u) => can(state, u.accountId, project.key, 'ASSIGNABLE_USER'));
  return jsonResponse(
    200,
    found.slice(startAt, startAt + maxResults).map((u) => ctx.site.directory.view(u.accountId)),
  );
};
