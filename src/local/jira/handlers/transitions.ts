/**
 * GET/POST /rest/api/3/issue/{idOrKey}/transitions over the project's workflow; the only way to change status.
 * Without Transition Issues a person sees no transitions, as in Jira. A transition may carry fields on its screen
 * and `update.comment` (`[{add: {body}}]`), which adds a comment as part of the transition.
 */
import type { AdfDoc } from '../adf';
import { validateAdf } from '../../adf-validator';
import { asRecord, readJsonBody } from '../body';
import { recordHistory } from '../changes';
import type { Handler, HandlerContext } from '../context';
import { badRequest, emptyResponse, jsonResponse } from '../errors';
import { commentEvent, issueEvent } from '../events';
import { can } from '../permissions';
import type { StoredComment, StoredIssue } from '../state';
import { applyTransition, transitionIdOf, withStringTransitionId } from '../transition-apply';
import { availableTransitions, transitionView, type WorkflowTransition } from '../transition-rules';

function offered(ctx: HandlerContext, issue: StoredIssue): WorkflowTransition[] {
  if (!can(ctx.state, ctx.actor.accountId, ctx.state.projectOf(issue).key, 'TRANSITION_ISSUES')) return [];
  return availableTransitions(ctx.state, issue);
}

export const getTransitions: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const withFields = (ctx.url.searchParams.get('expand') ?? '').split(',').includes('transitions.fields');
  const only = ctx.url.searchParams.get('transitionId');
  const transitions = offered(ctx, issue)
    .filter((t) => only === null || t.id === only)
    .map((t) => transitionView(ctx.state, issue, t, withFields));
  return jsonResponse(200, { expand: 'transitions', transitions });
};

/** `update.comment: [{add: {body}}]`: the one update operation a transition without a screen accepts. */
function commentsToAdd(
  ctx: HandlerContext,
  issue: StoredIssue,
  update: Record<string, unknown>,
  errors: Record<string, string>,
): AdfDoc[] {
  const docs: AdfDoc[] = [];
  for (const [field, ops] of Object.entries(update)) {
    if (field !== 'comment') {
      errors[field] = `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    if (!can(ctx.state, ctx.actor.accountId, ctx.state.projectOf(issue).key, 'ADD_COMMENTS'))
      errors.comment = 'You do not have the permission to comment on this issue.';
    for (const op of Array.isArray(ops) ? ops : []) {
      const body = asRecord(asRecord(op)?.add)?.body;
      if (body === undefined || validateAdf(body).length > 0) errors.comment = 'Comment body can not be empty!';
      else docs.push(body as unknown as AdfDoc);
    }
  }
  return docs;
}

export const doTransition: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const body = await readJsonBody(ctx.request, '/rest/api/3/issue/{issueIdOrKey}/transitions', withStringTransitionId);
  const id = transitionIdOf(body.transition);
  if (id === undefined) throw badRequest(["'transition' identifier must be specified."]);
  const transition = offered(ctx, issue).find((t) => t.id === id);
  if (transition === undefined) throw badRequest([`Transition id '${id}' is not valid for this issue.`]);
  const fields = asRecord(body.fields) ?? {};
  const required = transition.requiredFields ?? [];
  const errors: Record<string, string> = {};
  for (const f of Object.keys(fields))
    if (!required.includes(f))
      errors[f] = `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;
  for (const f of required) if (fields[f] === undefined || fields[f] === null) errors[f] = `${f} is required.`;
  const comments = commentsToAdd(ctx, issue, asRecord(body.update) ?? {}, errors);
  if (Object.keys(errors).length > 0) throw badRequest([], errors);
  ctx.limiter.admitIssueWrite(issue.id);

  const now = ctx.clock.now();
  const changelog = recordHistory(
    ctx.state,
    issue,
    ctx.actor.accountId,
    now,
    applyTransition(ctx.state, issue, transition, now),
  );
  ctx.emit(issueEvent('updated', ctx.state, ctx.actor, issue, changelog));
  for (const doc of comments) {
    const comment: StoredComment = {
      id: ctx.state.allocateCommentId(),
      issueId: issue.id,
      authorId: ctx.actor.accountId,
      updateAuthorId: ctx.actor.accountId,
      body: doc,
      created: now,
      updated: now,
    };
    ctx.state.comments.set(comment.id, comment);
    ctx.emit(commentEvent('commented', ctx.state, ctx.actor, issue, comment));
  }
  return emptyResponse(204);
};
