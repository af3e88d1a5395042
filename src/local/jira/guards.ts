/**
 * Per-endpoint permission checks, run before the handler, with the replies Jira's REST v3 reference documents for
 * each operation (see src/local/README.md, "Emulated Jira"). An issue the caller may not browse does not exist
 * for them (404, as Jira words it); field-level rules (assignable user, modify reporter, screens) live in fields.ts.
 */
import type { HandlerContext } from './context';
import { issueNotFound, JiraHttpError, notFound } from './errors';
import { can } from './permissions';
import type { StoredIssue } from './state';

type Guard = (ctx: HandlerContext, issue: StoredIssue | undefined) => void;

const forbidden = (message: string): JiraHttpError => new JiraHttpError(403, [message]);
const refused = (message: string): JiraHttpError => new JiraHttpError(400, [message]);

function holds(ctx: HandlerContext, issue: StoredIssue, permission: string): boolean {
  return can(ctx.state, ctx.actor.accountId, ctx.state.projectOf(issue).key, permission);
}

function ownOrAll(ctx: HandlerContext, issue: StoredIssue, authorId: string, all: string, own: string): boolean {
  return holds(ctx, issue, all) || (authorId === ctx.actor.accountId && holds(ctx, issue, own));
}

function commentRule(kind: 'edit' | 'delete'): Guard {
  return (ctx, issue) => {
    const comment = ctx.state.comments.get(ctx.params.id ?? '');
    if (issue === undefined || comment === undefined || comment.issueId !== issue.id) return;
    const [all, own] =
      kind === 'edit' ? ['EDIT_ALL_COMMENTS', 'EDIT_OWN_COMMENTS'] : ['DELETE_ALL_COMMENTS', 'DELETE_OWN_COMMENTS'];
    if (!ownOrAll(ctx, issue, comment.authorId, all, own))
      throw refused(`You do not have the permission to ${kind} this comment.`);
  };
}

const requires =
  (permission: string, error: () => JiraHttpError): Guard =>
  (ctx, issue) => {
    if (issue !== undefined && !holds(ctx, issue, permission)) throw error();
  };

const ISSUE_GUARDS: Record<string, Guard> = {
  'DELETE /rest/api/3/issue/{issueIdOrKey}': requires('DELETE_ISSUES', () =>
    forbidden('You do not have permission to delete issues in this project.'),
  ),
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': requires('EDIT_ISSUES', () =>
    forbidden('You do not have permission to edit this issue.'),
  ),
  'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': requires('EDIT_ISSUES', () =>
    forbidden('You do not have permission to edit this issue.'),
  ),
  'POST /rest/api/3/issue/{issueIdOrKey}/comment': requires('ADD_COMMENTS', () =>
    refused('You do not have the permission to comment on this issue.'),
  ),
  'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}': commentRule('edit'),
  'DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}': commentRule('delete'),
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments': requires('CREATE_ATTACHMENTS', () =>
    forbidden('You do not have permission to create attachments for this issue.'),
  ),
};

/** Attachments are addressed by their own id: browsing follows their issue. */
function guardAttachment(ctx: HandlerContext, method: string): void {
  const attachment = ctx.state.attachments.get(ctx.params.id ?? '');
  const issue = attachment === undefined ? undefined : ctx.state.issues.get(attachment.issueId);
  if (attachment === undefined || issue === undefined) return;
  if (!holds(ctx, issue, 'BROWSE_PROJECTS'))
    throw notFound(`The attachment with id '${attachment.id}' does not exist.`);
  if (
    method === 'DELETE' &&
    !ownOrAll(ctx, issue, attachment.authorId, 'DELETE_ALL_ATTACHMENTS', 'DELETE_OWN_ATTACHMENTS')
  ) {
    throw forbidden('You do not have permission to delete this attachment.');
  }
}

function guardProject(ctx: HandlerContext): void {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  const project = ctx.state.projectByIdOrKey(idOrKey);
  if (project !== undefined && !can(ctx.state, ctx.actor.accountId, project.key, 'BROWSE_PROJECTS')) {
    throw notFound(`No project could be found with key '${idOrKey}'.`);
  }
}

export function guardRequest(ctx: HandlerContext, method: string, template: string): void {
  if (template.includes('{projectIdOrKey}')) guardProject(ctx);
  if (template.startsWith('/rest/api/3/attachment/')) guardAttachment(ctx, method);
  if (!template.includes('{issueIdOrKey}')) return;
  const issue = ctx.state.findIssue(ctx.params.issueIdOrKey ?? '');
  if (issue !== undefined && !holds(ctx, issue, 'BROWSE_PROJECTS')) throw issueNotFound();
  ISSUE_GUARDS[`${method} ${template}`]?.(ctx, issue);
}
