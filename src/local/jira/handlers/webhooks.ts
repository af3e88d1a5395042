/**
 * `/rest/api/3/webhook` and `/webhook/refresh`: dynamic webhooks of OAuth 2.0 apps, as the REST v3 reference
 * documents them. Every operation answers 403 to a caller that is not an app (a person's API token, Forge's asApp
 * here: Forge apps declare webhooks in their manifest instead). Each registration is judged on its own: a filter
 * Jira cannot use comes back as `errors` beside the others' ids.
 */
import type { Handler, HandlerContext } from '../context';
import { readJsonBody } from '../body';
import { badRequest, emptyResponse, JiraHttpError, jsonResponse } from '../errors';
import { parseJql } from '../jql';
import { unknownProjects } from '../jql-match';
import { DYNAMIC_EVENTS, DYNAMIC_WEBHOOK_LIFETIME_MS, type DynamicWebhook } from '../webhook-registry';

function ownerOf(ctx: HandlerContext): string {
  if (ctx.actor.oauth === undefined)
    throw new JiraHttpError(403, ['Only Connect and OAuth 2.0 apps can use this operation.']);
  return ctx.actor.oauth.clientSecret;
}

const view = (h: DynamicWebhook) => ({
  id: h.id,
  events: h.events,
  jqlFilter: h.jqlFilter,
  expirationDate: h.expiresAt,
  url: h.url,
});

function judge(ctx: HandlerContext, hook: Record<string, unknown>): string[] {
  const events = Array.isArray(hook.events) ? hook.events.map(String) : [];
  const errors = events
    .filter((e) => !DYNAMIC_EVENTS.has(e))
    .map((e) => `The event ${e} is not supported for dynamic webhooks.`);
  if (events.length === 0) errors.push('At least one event is required.');
  const jql = typeof hook.jqlFilter === 'string' ? hook.jqlFilter : '';
  if (jql.trim() === '') return [...errors, 'The JQL filter is required.'];
  try {
    const unknown = unknownProjects(ctx.state, parseJql(jql, ctx.clock.now()).where);
    errors.push(...unknown.map((p) => `The value '${p}' does not exist for the field 'project'.`));
  } catch (e) {
    if (!(e instanceof JiraHttpError)) throw e;
    errors.push(...e.errorMessages);
  }
  return errors;
}

export const registerWebhooks: Handler = async (ctx) => {
  const owner = ownerOf(ctx);
  const body = await readJsonBody(ctx.request, '/rest/api/3/webhook');
  const url = String(body.url);
  if (!/^https?:\/\//.test(url)) throw badRequest(['The webhook URL must be an absolute http(s) URL.']);
  const hooks = (body.webhooks as Record<string, unknown>[]).map((hook) => {
    const errors = judge(ctx, hook);
    if (errors.length > 0) return { errors };
    const stored = ctx.state.webhooks.addDynamic({
      url,
      events: (hook.events as unknown[]).map(String),
      jqlFilter: String(hook.jqlFilter),
      owner,
      registeredBy: ctx.actor.accountId,
      expiresAt: ctx.clock.now() + DYNAMIC_WEBHOOK_LIFETIME_MS,
    });
    return { createdWebhookId: stored.id };
  });
  return jsonResponse(200, { webhookRegistrationResult: hooks });
};

export const listWebhooks: Handler = (ctx) => {
  const owner = ownerOf(ctx);
  const startAt = Math.max(0, Number(ctx.url.searchParams.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(100, Math.max(1, Number(ctx.url.searchParams.get('maxResults') ?? 100) || 100));
  const all = ctx.state.webhooks.dynamicOf(owner, ctx.clock.now());
  const values = all.slice(startAt, startAt + maxResults).map(view);
  return jsonResponse(200, {
    isLast: startAt + values.length >= all.length,
    maxResults,
    startAt,
    total: all.length,
    values,
  });
};

/** Ids of other apps' webhooks, or unknown ones, are ignored, as documented. */
function ownIds(ctx: HandlerContext, ids: unknown[], owner: string): DynamicWebhook[] {
  const mine = new Map(ctx.state.webhooks.dynamicOf(owner, ctx.clock.now()).map((h) => [h.id, h]));
  return ids.map(Number).flatMap((id) => mine.get(id) ?? []);
}

export const deleteWebhooks: Handler = async (ctx) => {
  const owner = ownerOf(ctx);
  const body = await readJsonBody(ctx.request, '/rest/api/3/webhook');
  for (const hook of ownIds(ctx, body.webhookIds as unknown[], owner)) ctx.state.webhooks.remove(hook.id);
  return emptyResponse(202);
};

export const refreshWebhooks: Handler = async (ctx) => {
  const owner = ownerOf(ctx);
  const body = await readJsonBody(ctx.request, '/rest/api/3/webhook/refresh');
  const expiresAt = ctx.clock.now() + DYNAMIC_WEBHOOK_LIFETIME_MS;
  for (const hook of ownIds(ctx, body.webhookIds as unknown[], owner)) hook.expiresAt = expiresAt;
  return jsonResponse(200, { expirationDate: expiresAt });
};
