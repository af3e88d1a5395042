/** POST/GET/PUT/DELETE /rest/api/3/issue[/{idOrKey}] and POST /rest/api/3/issue/bulk. */
import type { Actor } from '../auth';
import { asRecord, readJsonBody } from '../body';
import { applyPatch, recordHistory } from '../changes';
import type { Handler, HandlerContext } from '../context';
import { badRequest, emptyResponse, JiraHttpError, jsonResponse } from '../errors';
import { issueEvent } from '../events';
import { type FieldErrors, foldUpdateOps, parseFields, screenFor } from '../fields';
import { issueView, listParam } from '../issue-view';
import { can } from '../permissions';
import { screenOf } from '../site-fields';
import { DEFAULT_PRIORITY_ID, ISSUE_TYPES, type JiraState, type StoredIssue } from '../state';
import { applyTransition, transitionIdOf, withStringTransitionId } from '../transition-apply';
import type { WorkflowTransition } from '../transition-rules';
import type { JiraProductEvent, JiraSeedProject } from '../../contracts';

const MAX_PROPERTY_CHARS = 32_768;

function fail(out: FieldErrors): JiraHttpError | undefined {
  if (Object.keys(out.errors).length > 0) return badRequest([], out.errors, out.invalidAdf.join('; ') || undefined);
  if (out.invalidAdf.length > 0) return badRequest(['INVALID_INPUT'], {}, out.invalidAdf.join('; '));
  return undefined;
}

function parseProperties(value: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const p of Array.isArray(value) ? value : []) {
    const entry = asRecord(p);
    if (typeof entry?.key !== 'string' || entry.key === '' || entry.value === undefined)
      throw badRequest(['Property key and value are required.']);
    if (JSON.stringify(entry.value).length > MAX_PROPERTY_CHARS)
      throw badRequest([`The property '${entry.key}' has a value longer than ${MAX_PROPERTY_CHARS} characters.`]);
    map.set(entry.key, entry.value);
  }
  return map;
}

/** A transition in the create request runs from the workflow's initial status, as Jira runs it right after creating. */
function transitionOnCreate(
  state: JiraState,
  actorId: string,
  project: JiraSeedProject,
  value: unknown,
): WorkflowTransition | undefined {
  if (value === undefined) return undefined;
  const id = transitionIdOf(value);
  if (id === undefined) throw badRequest(["'transition' identifier must be specified."]);
  const workflow = state.workflowOf(project);
  const transition = can(state, actorId, project.key, 'TRANSITION_ISSUES')
    ? workflow.transitions.find(
        (t) =>
          t.id === id &&
          (t.from.length === 0 || t.from.includes(workflow.initialStatusId)) &&
          (t.requiredFields ?? []).length === 0,
      )
    : undefined;
  if (transition === undefined) throw badRequest([`Transition id '${id}' is not valid for this issue.`]);
  return transition;
}

function projectOfCreate(
  state: JiraState,
  actorId: string,
  projectRef: unknown,
  out: FieldErrors,
): JiraSeedProject | undefined {
  const projectSpec = asRecord(projectRef);
  const projectIdOrKey = projectSpec?.key ?? projectSpec?.id;
  const project = typeof projectIdOrKey === 'string' ? state.projectByIdOrKey(projectIdOrKey) : undefined;
  // A project the caller may not browse is answered as one that does not exist.
  if (project === undefined || !can(state, actorId, project.key, 'BROWSE_PROJECTS')) {
    out.errors.project = 'Specify a valid project ID or key';
    return undefined;
  }
  if (!can(state, actorId, project.key, 'CREATE_ISSUES'))
    throw badRequest([], { project: 'You do not have permission to create issues in this project.' });
  return project;
}

/** Validates and stores one issue; returns it and the event to emit. Throws JiraHttpError on bad input. */
function createOne(
  state: JiraState,
  actor: Actor,
  now: number,
  body: Record<string, unknown>,
): { issue: StoredIssue; event: JiraProductEvent } {
  const fields = asRecord(body.fields) ?? {};
  const out: FieldErrors = { errors: {}, invalidAdf: [] };
  const { project: projectRef, issuetype, ...rest } = fields;
  const project = projectOfCreate(state, actor.accountId, projectRef, out);
  const typeSpec = asRecord(issuetype);
  const type = ISSUE_TYPES.find((t) => (typeSpec?.id !== undefined ? t.id === typeSpec.id : t.name === typeSpec?.name));
  if (type === undefined)
    out.errors.issuetype = typeSpec === undefined ? 'Specify an issue type' : 'The issue type selected is invalid.';
  if (rest.summary === undefined) out.errors.summary = 'You must specify a summary of the issue.';
  const patch =
    project === undefined
      ? {}
      : parseFields(
          {
            state,
            project,
            actorId: actor.accountId,
            screen: screenFor(state, project, actor.accountId, screenOf(state, project), 'create'),
          },
          rest,
          out,
        );
  const properties = parseProperties(body.properties);
  const error = fail(out);
  if (error !== undefined || project === undefined || type === undefined) throw error ?? badRequest(['Invalid issue.']);
  const transition = transitionOnCreate(state, actor.accountId, project, body.transition);
  const { id, key } = state.allocateIssue(project);
  const issue: StoredIssue = {
    id,
    key,
    projectId: project.id,
    issueTypeId: type.id,
    summary: '',
    description: null,
    statusId: state.workflowOf(project).initialStatusId,
    resolution: null,
    resolutionDate: null,
    assignee: null,
    reporter: actor.accountId,
    creator: actor.accountId,
    priorityId: DEFAULT_PRIORITY_ID,
    duedate: null,
    labels: [],
    custom: {},
    created: now,
    updated: now,
    properties,
    histories: [],
  };
  applyPatch(state, issue, patch);
  if (transition !== undefined)
    recordHistory(state, issue, actor.accountId, now, applyTransition(state, issue, transition, now));
  state.issues.set(id, issue);
  return { issue, event: issueEvent('created', state, actor, issue) };
}

const created = (state: JiraState, issue: StoredIssue): Record<string, string> => ({
  id: issue.id,
  key: issue.key,
  self: `${state.seed.baseUrl}/rest/api/3/issue/${issue.id}`,
});

export const createIssue: Handler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/api/3/issue', withStringTransitionId);
  const { issue, event } = createOne(ctx.state, ctx.actor, ctx.clock.now(), body);
  ctx.emit(event);
  return jsonResponse(201, created(ctx.state, issue));
};

export const createIssuesBulk: Handler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/api/3/issue/bulk');
  const updates = Array.isArray(body.issueUpdates) ? body.issueUpdates : [];
  if (updates.length > 50)
    throw badRequest(['Too many issues. The maximum number of issues that can be created in one request is 50.']);
  const issues: Record<string, string>[] = [];
  const errors: Record<string, unknown>[] = [];
  updates.forEach((update, index) => {
    try {
      const { issue, event } = createOne(ctx.state, ctx.actor, ctx.clock.now(), asRecord(update) ?? {});
      issues.push(created(ctx.state, issue));
      ctx.emit(event);
    } catch (e) {
      if (!(e instanceof JiraHttpError)) throw e;
      errors.push({
        status: e.status,
        elementErrors: { errorMessages: e.errorMessages, errors: e.errors },
        failedElementNumber: index,
      });
    }
  });
  return jsonResponse(issues.length > 0 ? 201 : 400, { issues, errors });
};

export const getIssue: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const view = issueView(ctx.state, issue, {
    fields: listParam(ctx.url, 'fields'),
    properties: listParam(ctx.url, 'properties'),
    expand: listParam(ctx.url, 'expand'),
    viewerId: ctx.actor.accountId,
  });
  return jsonResponse(200, view);
};

export const editIssue: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const body = await readJsonBody(ctx.request, '/rest/api/3/issue/{issueIdOrKey}');
  ctx.limiter.admitIssueWrite(issue.id);
  const out: FieldErrors = { errors: {}, invalidAdf: [] };
  const fields = asRecord(body.fields) ?? {};
  const update = asRecord(body.update) ?? {};
  for (const both of Object.keys(fields).filter((f) => f in update))
    out.errors[both] = `Field '${both}' cannot be set in both 'fields' and 'update'.`;
  const merged = { ...foldUpdateOps(update, issue.labels, out), ...fields };
  const project = ctx.state.projectOf(issue);
  const screen = screenFor(ctx.state, project, ctx.actor.accountId, screenOf(ctx.state, project), 'edit');
  if (screen.size === 0 && Object.keys(merged).length === 0)
    throw badRequest(['You do not have permission to edit issues in this project.']);
  const patch = parseFields({ state: ctx.state, project, actorId: ctx.actor.accountId, screen }, merged, out);
  const properties = parseProperties(body.properties);
  const error = fail(out);
  if (error !== undefined) throw error;
  for (const [k, v] of properties) issue.properties.set(k, v);
  const items = applyPatch(ctx.state, issue, patch);
  if (items.length > 0) {
    const changelog = recordHistory(ctx.state, issue, ctx.actor.accountId, ctx.clock.now(), items);
    ctx.emit(issueEvent('updated', ctx.state, ctx.actor, issue, changelog));
  }
  if (ctx.url.searchParams.get('returnIssue') === 'true')
    return jsonResponse(
      200,
      issueView(ctx.state, issue, { expand: listParam(ctx.url, 'expand'), viewerId: ctx.actor.accountId }),
    );
  return emptyResponse(204);
};

export const deleteIssue: Handler = (ctx: HandlerContext) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  ctx.limiter.admitIssueWrite(issue.id);
  const event = issueEvent('deleted', ctx.state, ctx.actor, issue);
  ctx.state.deleteIssue(issue);
  ctx.emit(event);
  return emptyResponse(204);
};
