/** Maps `METHOD /rest/api/3/...` to a handler; path templates are the spec's, so stats and tests can name them. */
import type { Handler } from './context';
import { addAttachments, deleteAttachment, getAttachment, getAttachmentContent } from './handlers/attachments';
import { addComment, deleteComment, getComment, updateComment } from './handlers/comments';
import { createIssue, createIssuesBulk, deleteIssue, editIssue, getIssue } from './handlers/issues';
import { findAssignableUsers } from './handlers/assignable';
import { getPriorities, getProject, getProjectStatuses } from './handlers/meta';
import { getCreateMetaFields, getCreateMetaIssueTypes, getEditMeta } from './handlers/metadata';
import { getFields, getStatuses } from './handlers/site';
import { deleteProperty, getProperty, getPropertyKeys, setProperty } from './handlers/properties';
import { searchJql, searchJqlGet } from './handlers/search';
import {
  visibleComments,
  withCommentVisibility,
  withRestrictionCheck,
  withSecurityField,
  withSecurityView,
  withVisibleResults,
} from './handlers/security';
import { doTransition, getTransitions } from './handlers/transitions';
import { getUserEmailBulk } from './handlers/user-emails';
import { findUsers, getUser, myPermissions, myself } from './handlers/users';
import { listAllUsers } from './handlers/users-list';
import { deleteWebhooks, listWebhooks, refreshWebhooks, registerWebhooks } from './handlers/webhooks';

const ROUTES: [method: string, template: string, handler: Handler][] = [
  ['POST', '/rest/api/3/issue', withSecurityField(createIssue)],
  ['POST', '/rest/api/3/issue/bulk', createIssuesBulk],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}', withSecurityView(getIssue)],
  ['PUT', '/rest/api/3/issue/{issueIdOrKey}', withSecurityField(editIssue)],
  ['DELETE', '/rest/api/3/issue/{issueIdOrKey}', deleteIssue],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/properties', getPropertyKeys],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', getProperty],
  ['PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', setProperty],
  ['DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', deleteProperty],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', getTransitions],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', doTransition],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/comment', visibleComments],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/comment', withRestrictionCheck(addComment)],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', withCommentVisibility(getComment)],
  ['PUT', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', withCommentVisibility(updateComment)],
  ['DELETE', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', withCommentVisibility(deleteComment)],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/attachments', addAttachments],
  ['GET', '/rest/api/3/attachment/content/{id}', getAttachmentContent],
  ['GET', '/rest/api/3/attachment/{id}', getAttachment],
  ['DELETE', '/rest/api/3/attachment/{id}', deleteAttachment],
  ['GET', '/rest/api/3/myself', myself],
  ['GET', '/rest/api/3/mypermissions', myPermissions],
  ['GET', '/rest/api/3/priority', getPriorities],
  ['GET', '/rest/api/3/project/{projectIdOrKey}', getProject],
  ['GET', '/rest/api/3/project/{projectIdOrKey}/statuses', getProjectStatuses],
  ['GET', '/rest/api/3/user', getUser],
  ['GET', '/rest/api/3/user/search', findUsers],
  ['GET', '/rest/api/3/user/email/bulk', getUserEmailBulk],
  ['POST', '/rest/api/3/search/jql', withVisibleResults(searchJql)],
  ['GET', '/rest/api/3/search/jql', withVisibleResults(searchJqlGet)],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/editmeta', getEditMeta],
  ['GET', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', getCreateMetaIssueTypes],
  ['GET', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', getCreateMetaFields],
  ['GET', '/rest/api/3/field', getFields],
  ['GET', '/rest/api/3/status', getStatuses],
  ['GET', '/rest/api/3/user/assignable/search', findAssignableUsers],
  ['GET', '/rest/api/3/users/search', listAllUsers],
  ['GET', '/rest/api/3/webhook', listWebhooks],
  ['POST', '/rest/api/3/webhook', registerWebhooks],
  ['DELETE', '/rest/api/3/webhook', deleteWebhooks],
  ['PUT', '/rest/api/3/webhook/refresh', refreshWebhooks],
];

export interface RouteMatch {
  template: string;
  handler: Handler;
  params: Record<string, string>;
}

export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] ?? '';
    const actual = p[i] ?? '';
    if (seg.startsWith('{')) {
      if (actual === '') return undefined;
      params[seg.slice(1, -1)] = decodeURIComponent(actual);
    } else if (seg !== actual) return undefined;
  }
  return params;
}

/** `undefined` = no such path; `'method'` = path exists for other methods (405). Literal routes win over templates. */
export function route(method: string, path: string): RouteMatch | 'method' | undefined {
  const candidates = ROUTES.map(([m, template, handler]) => ({
    m,
    template,
    handler,
    params: matchTemplate(template, path),
  }))
    .filter((r) => r.params !== undefined)
    .sort((a, b) => Object.keys(a.params ?? {}).length - Object.keys(b.params ?? {}).length);
  if (candidates.length === 0) return undefined;
  const best = Object.keys(candidates[0]?.params ?? {}).length;
  const hit =
    candidates.find((r) => r.m === method && Object.keys(r.params ?? {}).length === best) ??
    candidates.find((r) => r.m === method);
  return hit === undefined ? 'method' : { template: hit.template, handler: hit.handler, params: hit.params ?? {} };
}

export const servedRoutes = (): [string, string][] => ROUTES.map(([m, t]) => [m, t]);
