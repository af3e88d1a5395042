/**
 * `/rest/webhooks/1.0/webhook` ("Webhooks", developer.atlassian.com/server/jira/platform/webhooks/, "Registering a
 * webhook via the Jira REST API"): "you must have the Jira Administrators global permission" — anyone else is 403
 * (stricter: the page names the permission, not the status). A registration is checked whole before it is kept:
 * `name` and an http(s) `url` are required, every event must be one Jira knows, the JQL filter must parse.
 */
import { readJsonBody, asRecord } from '../../jira/body';
import { badRequest, emptyResponse, JiraHttpError, jsonResponse, notFound } from '../../jira/errors';
import { can } from '../../jira/permissions';
import type { DcContext, DcHandler } from '../context';
import { parseDcJql } from '../jql-users';
import { DC_EVENTS, JQL_FILTER, type DcWebhook } from '../webhook-registry';

function requireAdmin(ctx: DcContext): void {
  if (!can(ctx.site.state, ctx.actor.accountId, '', 'ADMINISTER'))
    throw new JiraHttpError(403, ['You must be a Jira administrator to manage webhooks.']);
}

function view(ctx: DcContext, hook: DcWebhook): Record<string, unknown> {
  const user = ctx.site.directory.byAccountId(hook.lastUpdatedBy);
  return {
    self: `${ctx.site.state.seed.baseUrl}/rest/webhooks/1.0/webhook/${hook.id}`,
    name: hook.name,
    url: hook.url,
    events: hook.events,
    filters: { [JQL_FILTER]: hook.jql },
    excludeBody: hook.excludeBody,
    enabled: hook.enabled,
    lastUpdated: hook.lastUpdated,
    lastUpdatedUser: user?.key ?? hook.lastUpdatedBy,
    lastUpdatedDisplayName: user?.displayName ?? '',
  };
}

async function readHook(ctx: DcContext): Promise<Omit<DcWebhook, 'id'>> {
  const body = await readJsonBody(ctx.request, '/rest/webhooks/1.0/webhook');
  const errors: Record<string, string> = {};
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') errors.name = 'The webhook needs a name.';
  const url = typeof body.url === 'string' ? body.url : '';
  if (!/^https?:\/\/[^\s/]+/.test(url)) errors.url = 'The URL must be an absolute http or https URL.';
  const events = Array.isArray(body.events) ? body.events.filter((e): e is string => typeof e === 'string') : [];
  const unknown = events.filter((e) => !DC_EVENTS.has(e));
  if (unknown.length > 0 || events.length === 0) errors.events = `Unknown or missing events: ${unknown.join(', ')}`;
  const filter = asRecord(body.filters)?.[JQL_FILTER];
  const jql = typeof filter === 'string' ? filter : '';
  try {
    parseDcJql(ctx.site.directory, jql, ctx.site.clock.now(), ctx.actor.accountId);
  } catch (error) {
    errors.filters = error instanceof JiraHttpError ? error.errorMessages.join(' ') : 'The JQL filter is invalid.';
  }
  if (Object.keys(errors).length > 0) throw badRequest([], errors);
  return {
    name,
    url,
    events,
    jql,
    excludeBody: body.excludeBody === true,
    ...(typeof body.secret === 'string' && body.secret !== '' ? { secret: body.secret } : {}),
    enabled: body.enabled !== false,
    lastUpdated: ctx.site.clock.now(),
    lastUpdatedBy: ctx.actor.accountId,
  };
}

const hookId = (ctx: DcContext): number => Number(ctx.params.id);

export const registerWebhook: DcHandler = async (ctx) => {
  requireAdmin(ctx);
  const hook = ctx.site.webhooks.add(await readHook(ctx));
  return jsonResponse(201, view(ctx, hook));
};

export const listWebhooks: DcHandler = (ctx) => {
  requireAdmin(ctx);
  return jsonResponse(
    200,
    ctx.site.webhooks.all().map((h) => view(ctx, h)),
  );
};

export const getWebhook: DcHandler = (ctx) => {
  requireAdmin(ctx);
  const hook = ctx.site.webhooks.get(hookId(ctx));
  if (hook === undefined) throw notFound('Webhook not found.');
  return jsonResponse(200, view(ctx, hook));
};

export const updateWebhook: DcHandler = async (ctx) => {
  requireAdmin(ctx);
  if (ctx.site.webhooks.get(hookId(ctx)) === undefined) throw notFound('Webhook not found.');
  const hook = ctx.site.webhooks.replace(hookId(ctx), await readHook(ctx));
  if (hook === undefined) throw notFound('Webhook not found.');
  return jsonResponse(200, view(ctx, hook));
};

export const deleteWebhook: DcHandler = (ctx) => {
  requireAdmin(ctx);
  if (!ctx.site.webhooks.remove(hookId(ctx))) throw notFound('Webhook not found.');
  return emptyResponse(204);
};
