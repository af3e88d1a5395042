/**
 * The Data Center routes: REST v2 under `/rest/api/2` ([REST] = the Jira Data Center 10.3 REST API reference,
 * docs.atlassian.com/software/jira/docs/api/REST/10.3.0/), webhooks under `/rest/webhooks/1.0`, personal access
 * tokens under `/rest/pat/latest`, attachment content under `/secure/attachment`. Resources whose rules Data Center
 * shares with Cloud run the Cloud handlers through the bridge; the rest are Data Center's own.
 */
import { matchTemplate } from '../jira/router';
import { viaCloud } from './bridge';
import type { DcContext, DcHandler } from './context';
import { createMetaFields, createMetaIssueTypes } from './handlers/meta';
import { searchGet, searchPost } from './handlers/search';
import { attachmentContent, createPat, listPats, revokePat, serverInfo } from './handlers/site';
import { findAssignableUsers, findUsers, getUser, myself } from './handlers/users';
import { deleteWebhook, getWebhook, listWebhooks, registerWebhook, updateWebhook } from './handlers/webhooks';
import { bulkBodyToCloud, commentBodyToCloud, issueBodyToCloud } from './to-cloud';

const issueBody = viaCloud((ctx: DcContext, b) => issueBodyToCloud(ctx.site.state, ctx.site.directory, b));
const bulkBody = viaCloud((ctx: DcContext, b) => bulkBodyToCloud(ctx.site.state, ctx.site.directory, b));
const commentBody = viaCloud((_ctx, b) => commentBodyToCloud(b));
const same = viaCloud();

const V2 = '/rest/api/2';
const ISSUE = `${V2}/issue/{issueIdOrKey}`;

const ROUTES: [method: string, template: string, handler: DcHandler][] = [
  ['GET', `${V2}/serverInfo`, serverInfo],
  ['GET', `${V2}/myself`, myself],
  ['GET', `${V2}/user`, getUser],
  ['GET', `${V2}/user/search`, findUsers],
  ['GET', `${V2}/user/assignable/search`, findAssignableUsers],
  ['GET', `${V2}/mypermissions`, same],
  ['POST', `${V2}/issue`, issueBody],
  ['POST', `${V2}/issue/bulk`, bulkBody],
  ['GET', ISSUE, same],
  ['PUT', ISSUE, issueBody],
  ['DELETE', ISSUE, same],
  ['GET', `${ISSUE}/editmeta`, same],
  ['GET', `${ISSUE}/transitions`, same],
  ['POST', `${ISSUE}/transitions`, issueBody],
  ['GET', `${ISSUE}/comment`, same],
  ['POST', `${ISSUE}/comment`, commentBody],
  ['GET', `${ISSUE}/comment/{id}`, same],
  ['PUT', `${ISSUE}/comment/{id}`, commentBody],
  ['DELETE', `${ISSUE}/comment/{id}`, same],
  ['GET', `${ISSUE}/properties`, same],
  ['GET', `${ISSUE}/properties/{propertyKey}`, same],
  ['PUT', `${ISSUE}/properties/{propertyKey}`, same],
  ['DELETE', `${ISSUE}/properties/{propertyKey}`, same],
  ['POST', `${ISSUE}/attachments`, same],
  ['GET', `${V2}/attachment/{id}`, same],
  ['DELETE', `${V2}/attachment/{id}`, same],
  ['GET', `${V2}/issue/createmeta/{projectIdOrKey}/issuetypes`, createMetaIssueTypes],
  ['GET', `${V2}/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}`, createMetaFields],
  ['GET', `${V2}/field`, same],
  ['GET', `${V2}/status`, same],
  ['GET', `${V2}/priority`, same],
  ['GET', `${V2}/project/{projectIdOrKey}`, same],
  ['GET', `${V2}/project/{projectIdOrKey}/statuses`, same],
  ['GET', `${V2}/search`, searchGet],
  ['POST', `${V2}/search`, searchPost],
  ['GET', '/rest/webhooks/1.0/webhook', listWebhooks],
  ['POST', '/rest/webhooks/1.0/webhook', registerWebhook],
  ['GET', '/rest/webhooks/1.0/webhook/{id}', getWebhook],
  ['PUT', '/rest/webhooks/1.0/webhook/{id}', updateWebhook],
  ['DELETE', '/rest/webhooks/1.0/webhook/{id}', deleteWebhook],
  ['GET', '/rest/pat/latest/tokens', listPats],
  ['POST', '/rest/pat/latest/tokens', createPat],
  ['DELETE', '/rest/pat/latest/tokens/{id}', revokePat],
  ['GET', '/secure/attachment/{id}/{filename}', attachmentContent],
];

/** Resources Jira answers without credentials ([REST] serverInfo: "This resource can be accessed anonymously"). */
export const ANONYMOUS = new Set([`GET ${V2}/serverInfo`]);

export interface DcRoute {
  template: string;
  handler: DcHandler;
  params: Record<string, string>;
}

/** `'method'`: the path exists for other methods (405). Literal segments win over parameters. */
export function dcRoute(method: string, path: string): DcRoute | 'method' | undefined {
  const hits = ROUTES.map(([m, template, handler]) => ({ m, template, handler, params: matchTemplate(template, path) }))
    .filter((r): r is typeof r & { params: Record<string, string> } => r.params !== undefined)
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  if (hits.length === 0) return undefined;
  const hit = hits.find((r) => r.m === method);
  return hit === undefined ? 'method' : { template: hit.template, handler: hit.handler, params: hit.params };
}

export const dcServedRoutes = (): [string, string][] => ROUTES.map(([m, t]) => [m, t]);
