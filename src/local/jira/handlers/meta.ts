/** Priorities, projects and each project's statuses per issue type. */
import type { Handler, HandlerContext } from '../context';
import { jsonResponse, notFound } from '../errors';
import { DEFAULT_PRIORITY_ID, ISSUE_TYPES, PRIORITIES } from '../state';
import { issueTypeView, priorityView, projectRef, statusView } from '../views';
import type { JiraSeedProject } from '../../contracts';

export const getPriorities: Handler = (ctx) =>
  jsonResponse(
    200,
    PRIORITIES.map((p) => ({
      ...priorityView(ctx.state, p.id),
      statusColor: p.statusColor,
      description: `${p.name} priority`,
      isDefault: p.id === DEFAULT_PRIORITY_ID,
    })),
  );

function requireProject(ctx: HandlerContext): JiraSeedProject {
  const key = ctx.params.projectIdOrKey ?? '';
  const project = ctx.state.projectByIdOrKey(key);
  if (project === undefined) throw notFound(`No project could be found with key '${key}'.`);
  return project;
}

export const getProject: Handler = (ctx) => {
  const project = requireProject(ctx);
  return jsonResponse(200, {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRef(ctx.state, project.id),
    description: '',
    style: 'classic',
    isPrivate: false,
    issueTypes: ISSUE_TYPES.map((t) => issueTypeView(ctx.state, t.id)),
    properties: {},
  });
};

export const getProjectStatuses: Handler = (ctx) => {
  const project = requireProject(ctx);
  const workflow = ctx.state.workflowOf(project);
  const statuses = workflow.statuses.map((s) => statusView(ctx.state, workflow, s.id));
  return jsonResponse(
    200,
    ISSUE_TYPES.map((t) => ({
      self: `${ctx.state.seed.baseUrl}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      name: t.name,
      subtask: false,
      statuses,
    })),
  );
};
