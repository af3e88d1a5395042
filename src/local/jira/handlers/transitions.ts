/** GET/POST /rest/api/3/issue/{idOrKey}/transitions over the project's workflow; the only way to change status. */
import { asRecord, readJsonBody } from '../body';
import { recordHistory } from '../changes';
import type { Handler } from '../context';
import { badRequest, emptyResponse, jsonResponse } from '../errors';
import { issueEvent } from '../events';
import type { ChangeItem } from '../state';
import { availableTransitions, transitionView } from '../transition-rules';

export const getTransitions: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const withFields = (ctx.url.searchParams.get('expand') ?? '').split(',').includes('transitions.fields');
  const only = ctx.url.searchParams.get('transitionId');
  const transitions = availableTransitions(ctx.state, issue)
    .filter((t) => only === null || t.id === only)
    .map((t) => transitionView(ctx.state, issue, t, withFields));
  return jsonResponse(200, { expand: 'transitions', transitions });
};

export const doTransition: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const body = await readJsonBody(ctx.request, '/rest/api/3/issue/{issueIdOrKey}/transitions');
  const id = asRecord(body.transition)?.id;
  if (typeof id !== 'string' || id === '') throw badRequest(["'transition' identifier must be specified."]);
  const transition = availableTransitions(ctx.state, issue).find((t) => t.id === id);
  if (transition === undefined) throw badRequest([`Transition id '${id}' is not valid for this issue.`]);
  const fields = asRecord(body.fields) ?? {};
  const required = transition.requiredFields ?? [];
  const errors: Record<string, string> = {};
  for (const f of Object.keys(fields)) if (!required.includes(f)) errors[f] = `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;
  for (const f of required) if (fields[f] === undefined || fields[f] === null) errors[f] = `${f} is required.`;
  if (body.update !== undefined && Object.keys(asRecord(body.update) ?? {}).length > 0) errors.update = 'The emulator does not accept field updates on transitions.';
  if (Object.keys(errors).length > 0) throw badRequest([], errors);
  ctx.limiter.admitIssueWrite(issue.id);

  const workflow = ctx.state.workflowOf(ctx.state.projectOf(issue));
  const name = (statusId: string): string => workflow.statuses.find((s) => s.id === statusId)?.name ?? statusId;
  const items: ChangeItem[] = [
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: issue.statusId, fromString: name(issue.statusId), to: transition.to, toString: name(transition.to) },
  ];
  const now = ctx.clock.now();
  const toDone = workflow.statuses.find((s) => s.id === transition.to)?.category === 'done';
  if (toDone && issue.resolution === null) {
    items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' });
    issue.resolution = { id: '10000', name: 'Done' };
    issue.resolutionDate = now;
  } else if (!toDone && issue.resolution !== null) {
    items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: issue.resolution.id, fromString: issue.resolution.name, to: null, toString: null });
    issue.resolution = null;
    issue.resolutionDate = null;
  }
  issue.statusId = transition.to;
  const changelog = recordHistory(ctx.state, issue, ctx.actor.accountId, now, items);
  ctx.emit(issueEvent('updated', ctx.state, ctx.actor, issue, changelog));
  return emptyResponse(204);
};
