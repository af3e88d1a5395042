/**
 * Issue comments with ADF bodies. New comments emit avi:jira:commented:issue and deletions avi:jira:deleted:comment.
 * Edits emit nothing to Forge (it documents no comment-updated event, and an emulator must not be kinder than Jira);
 * webhooks do get comment_updated.
 */
import type { AdfDoc } from '../adf';
import { validateAdf } from '../../adf-validator';
import { asRecord, readJsonBody } from '../body';
import type { Handler, HandlerContext } from '../context';
import { badRequest, emptyResponse, jsonResponse, notFound } from '../errors';
import { commentEvent, commentView } from '../events';
import type { StoredComment } from '../state';

const BODY_LIMIT = 32_767;
const TEMPLATE = '/rest/api/3/issue/{issueIdOrKey}/comment';

function checkBody(value: unknown): AdfDoc {
  if (value === undefined || value === null) throw badRequest([], { comment: 'Comment body can not be empty!' });
  if (asRecord(value) === undefined)
    throw badRequest([], {
      comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
    });
  const problems = validateAdf(value);
  if (problems.length > 0) throw badRequest(['INVALID_INPUT'], {}, problems.join('; '));
  if (JSON.stringify(value).length > BODY_LIMIT)
    throw badRequest([], {
      comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.',
    });
  return value as unknown as AdfDoc;
}

function visibilityOf(value: unknown): StoredComment['visibility'] {
  const v = asRecord(value);
  if (v === undefined) return undefined;
  if (v.type !== 'role' && v.type !== 'group')
    throw badRequest([], { visibility: 'Visibility type must be role or group.' });
  return {
    type: v.type,
    ...(typeof v.value === 'string' ? { value: v.value } : {}),
    ...(typeof v.identifier === 'string' ? { identifier: v.identifier } : {}),
  };
}

function requireComment(ctx: HandlerContext): { comment: StoredComment; issueId: string } {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const comment = ctx.state.comments.get(ctx.params.id ?? '');
  if (comment === undefined || comment.issueId !== issue.id)
    throw notFound(`Can not find a comment for the id: ${ctx.params.id ?? ''}.`);
  return { comment, issueId: issue.id };
}

export const getComment: Handler = (ctx) => jsonResponse(200, commentView(ctx.state, requireComment(ctx).comment));

export const addComment: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const body = await readJsonBody(ctx.request, TEMPLATE);
  const doc = checkBody(body.body);
  const visibility = visibilityOf(body.visibility);
  if (ctx.state.commentsOf(issue.id).length >= 5000)
    throw badRequest(['The issue has reached its limit of 5000 comments.']);
  ctx.limiter.admitIssueWrite(issue.id);
  const now = ctx.clock.now();
  const comment: StoredComment = {
    id: ctx.state.allocateCommentId(),
    issueId: issue.id,
    authorId: ctx.actor.accountId,
    updateAuthorId: ctx.actor.accountId,
    body: doc,
    created: now,
    updated: now,
    ...(visibility === undefined ? {} : { visibility }),
  };
  ctx.state.comments.set(comment.id, comment);
  ctx.emit(commentEvent('commented', ctx.state, ctx.actor, issue, comment));
  return jsonResponse(201, commentView(ctx.state, comment));
};

export const updateComment: Handler = async (ctx) => {
  const { comment, issueId } = requireComment(ctx);
  const body = await readJsonBody(ctx.request, `${TEMPLATE}/{id}`);
  const doc = checkBody(body.body);
  const visibility = body.visibility === undefined ? comment.visibility : visibilityOf(body.visibility);
  ctx.limiter.admitIssueWrite(issueId);
  Object.assign(comment, { body: doc, updateAuthorId: ctx.actor.accountId, updated: ctx.clock.now() });
  if (visibility === undefined) delete comment.visibility;
  else comment.visibility = visibility;
  ctx.emitWebhookOnly({
    ...commentEvent('commented', ctx.state, ctx.actor, ctx.state.requireIssue(issueId), comment),
    eventType: 'avi:jira:updated:comment',
  });
  return jsonResponse(200, commentView(ctx.state, comment));
};

export const deleteComment: Handler = (ctx) => {
  const { comment, issueId } = requireComment(ctx);
  ctx.limiter.admitIssueWrite(issueId);
  ctx.state.comments.delete(comment.id);
  ctx.emit(commentEvent('deleted', ctx.state, ctx.actor, ctx.state.requireIssue(issueId), comment));
  return emptyResponse(204);
};
