/**
 * GET /issue/{id}/editmeta and GET /issue/createmeta/{project}/issuetypes[/{issueTypeId}]: the fields the caller's
 * screens offer, so a client can leave out what Jira would refuse. Both follow the same screen and permission
 * rules as create and edit (fields.ts `screenFor`).
 */
import type { Handler, HandlerContext } from '../context';
import { badRequest, JiraHttpError, jsonResponse, notFound } from '../errors';
import { fieldMeta, fieldsOnScreen } from '../field-meta';
import { screenFor } from '../fields';
import { screenOf } from '../site-fields';
import { ISSUE_TYPES } from '../state';
import { issueTypeView } from '../views';
import type { JiraSeedProject } from '../../contracts';

export const getEditMeta: Handler = (ctx) => {
  if (
    ctx.url.searchParams.get('overrideScreenSecurity') === 'true' ||
    ctx.url.searchParams.get('overrideEditableFlag') === 'true'
  ) {
    // Documented: overrides need Administer Jira (or an app's admin rights); the emulated app is no admin.
    throw new JiraHttpError(403, ['You do not have the permission to override the screen security or editable flag.']);
  }
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const project = ctx.state.projectOf(issue);
  const screen = screenFor(ctx.state, project, ctx.actor.accountId, screenOf(ctx.state, project), 'edit');
  const fields = Object.fromEntries(
    fieldsOnScreen(ctx.state, screen).map((f) => [f.id, fieldMeta(ctx.state, project, f, 'edit')]),
  );
  return jsonResponse(200, { fields });
};

function createProject(ctx: HandlerContext): JiraSeedProject {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  const project = ctx.state.projectByIdOrKey(idOrKey);
  if (project === undefined) throw notFound(`No project could be found with key '${idOrKey}'.`);
  return project;
}

function paging(ctx: HandlerContext): { startAt: number; maxResults: number } {
  const startAt = Math.max(0, Number(ctx.url.searchParams.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(200, Math.max(1, Number(ctx.url.searchParams.get('maxResults') ?? 50) || 50));
  return { startAt, maxResults };
}

export const getCreateMetaIssueTypes: Handler = (ctx) => {
  createProject(ctx);
  const { startAt, maxResults } = paging(ctx);
  const all = ISSUE_TYPES.map((t) => issueTypeView(ctx.state, t.id));
  return jsonResponse(200, {
    issueTypes: all.slice(startAt, startAt + maxResults),
    maxResults,
    startAt,
    total: all.length,
  });
};

export const getCreateMetaFields: Handler = (ctx) => {
  const project = createProject(ctx);
  const typeId = ctx.params.issueTypeId ?? '';
  if (!ISSUE_TYPES.some((t) => t.id === typeId))
    throw badRequest([`The issue type with id '${typeId}' does not exist.`]);
  const { startAt, maxResults } = paging(ctx);
  const screen = screenFor(ctx.state, project, ctx.actor.accountId, screenOf(ctx.state, project), 'create');
  const all = fieldsOnScreen(ctx.state, screen).map((f) => ({
    fieldId: f.id,
    ...fieldMeta(ctx.state, project, f, 'create'),
  }));
  return jsonResponse(200, {
    fields: all.slice(startAt, startAt + maxResults),
    maxResults,
    startAt,
    total: all.length,
  });
};
