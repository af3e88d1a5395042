/**
 * GET /user/assignable/search: people who hold Assignable User in the project (or the issue's project), matched
 * by name or visible e-mail prefix, or one accountId. Parameters are checked as the reference lists its 400s.
 */
import type { Handler } from '../context';
import { badRequest, issueNotFound, jsonResponse, notFound } from '../errors';
import { can } from '../permissions';
import { userView } from '../views';
import type { JiraSeedProject } from '../../contracts';

export const findAssignableUsers: Handler = (ctx) => {
  const q = ctx.url.searchParams;
  const { state } = ctx;
  const query = q.get('query');
  const accountId = q.get('accountId');
  const projectRef = q.get('project');
  const issueRef = q.get('issueKey') ?? q.get('issueId');
  if (projectRef === null && issueRef === null)
    throw badRequest(["One of 'project', 'issueKey' or 'issueId' parameters must be provided."]);
  if (query !== null && accountId !== null) throw badRequest(["Only one of 'query' and 'accountId' may be provided."]);
  let project: JiraSeedProject | undefined;
  if (issueRef !== null) {
    const issue = state.findIssue(issueRef);
    if (issue === undefined || !can(state, ctx.actor.accountId, state.projectOf(issue).key, 'BROWSE_PROJECTS'))
      throw issueNotFound();
    project = state.projectOf(issue);
  } else {
    project = state.projectByIdOrKey(projectRef ?? '');
    if (project === undefined || !can(state, ctx.actor.accountId, project.key, 'BROWSE_PROJECTS'))
      throw notFound(`No project could be found with key '${projectRef ?? ''}'.`);
  }
  const needle = (query ?? '').trim().toLowerCase();
  const startAt = Math.max(0, Number(q.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(1000, Math.max(1, Number(q.get('maxResults') ?? 50) || 50));
  const key = project.key;
  const people = state.seed.users.filter((u) => {
    if (!can(state, u.accountId, key, 'ASSIGNABLE_USER')) return false;
    if (accountId !== null) return u.accountId === accountId;
    if (needle === '') return true;
    const byEmail = u.emailHidden !== true && u.email.toLowerCase().startsWith(needle);
    return (
      byEmail ||
      u.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(needle)) ||
      u.displayName.toLowerCase().startsWith(needle)
    );
  });
  return jsonResponse(
    200,
    people.slice(startAt, startAt + maxResults).map((u) => userView(state, u.accountId)),
  );
};
