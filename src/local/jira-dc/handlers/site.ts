/**
 * `serverInfo` ([REST] "api/2/serverInfo": `baseUrl`, `version`, `versionNumbers`, `deploymentType`, `buildNumber`,
 * `buildDate`, `serverTime`, `scmInfo`, `serverTitle`; answered to anonymous callers too), personal access tokens
 * over REST ("Using Personal Access Tokens", "Creating PATs using REST API": POST /rest/pat/latest/tokens with
 * `name` and `expirationDuration` in days, answered once with `rawToken`; GET lists one's own without it; DELETE
 * revokes), and an attachment's content at `/secure/attachment/{id}/{filename}`.
 */
import { readJsonBody } from '../../jira/body';
import { badRequest, emptyResponse, jsonResponse, notFound } from '../../jira/errors';
import { jiraTime } from '../../jira/views';
import { viaCloud } from '../bridge';
import type { DcContext, DcHandler } from '../context';
import type { PatRecord } from '../pat';

export const serverInfo: DcHandler = (ctx) => {
  const { version, state, clock } = ctx.site;
  return jsonResponse(200, {
    baseUrl: state.seed.baseUrl,
    version,
    versionNumbers: version.split('.').map(Number),
    deploymentType: 'Server',
    buildNumber: 100300,
    buildDate: '2024-12-10T00:00:00.000+0000',
    serverTime: jiraTime(clock.now()),
    scmInfo: 'emulated',
    serverTitle: 'Jira Data Center (emulated)',
  });
};

function patView(record: PatRecord, rawToken?: string): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    createdAt: jiraTime(record.createdAt),
    ...(record.expiringAt === undefined ? {} : { expiringAt: jiraTime(record.expiringAt) }),
    ...(record.lastAccessedAt === undefined ? {} : { lastAccessedAt: jiraTime(record.lastAccessedAt) }),
    ...(rawToken === undefined ? {} : { rawToken }),
  };
}

export const createPat: DcHandler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/pat/latest/tokens');
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') throw badRequest([], { name: 'A token needs a name.' });
  const days = body.expirationDuration;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1))
    throw badRequest([], { expirationDuration: 'The expiration is a whole number of days, at least 1.' });
  const { record, rawToken } = ctx.site.pats.issue(ctx.actor.accountId, name, ctx.site.clock.now(), days);
  return jsonResponse(201, patView(record, rawToken));
};

export const listPats: DcHandler = (ctx) =>
  jsonResponse(
    200,
    ctx.site.pats.of(ctx.actor.accountId).map((r) => patView(r)),
  );

export const revokePat: DcHandler = (ctx) => {
  const id = Number(ctx.params.id);
  if (ctx.site.pats.owner(id) !== ctx.actor.accountId) throw notFound('Token not found.');
  ctx.site.pats.revoke(id);
  return emptyResponse(204);
};

/** Browsing follows the attachment's issue (the Cloud guard); a file name that is not the attachment's is 404. */
const content = viaCloud(undefined, (ctx) => `/rest/api/3/attachment/content/${ctx.params.id ?? ''}?redirect=false`);

export const attachmentContent: DcHandler = async (ctx: DcContext) => {
  const attachment = ctx.site.state.attachments.get(ctx.params.id ?? '');
  if (attachment === undefined || attachment.filename !== ctx.params.filename)
    throw notFound(`The attachment with id '${ctx.params.id ?? ''}' does not exist.`);
  return content(ctx);
};
