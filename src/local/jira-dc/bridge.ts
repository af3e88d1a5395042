/**
 * Runs one of the Cloud emulator's handlers for a v2 request whose behaviour Data Center shares (permissions,
 * screens, workflows, comments, properties, attachments, metadata): the path moves to `/rest/api/3`, the body is
 * translated (to-cloud.ts), the Cloud guards and handler run on the shared state, and the reply is printed as v2
 * (from-cloud.ts). Events the handler emits go to the Data Center webhooks.
 */
import { guardRequest } from '../jira/guards';
import { guardIssueRoute } from '../jira/handlers/security';
import { JiraHttpError } from '../jira/errors';
import { route } from '../jira/router';
import type { DcContext, DcHandler } from './context';
import { replyToDc } from './from-cloud';

type BodyMap = (ctx: DcContext, body: unknown) => unknown;

async function translatedRequest(ctx: DcContext, url: URL, mapBody?: BodyMap): Promise<Request> {
  const method = ctx.request.method.toUpperCase();
  const contentType = ctx.request.headers.get('content-type') ?? '';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers: ctx.request.headers });
  if (!contentType.includes('application/json') || mapBody === undefined)
    return new Request(url, { method, headers: ctx.request.headers, body: await ctx.request.arrayBuffer() });
  const text = await ctx.request.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new JiraHttpError(400, ['Unexpected character in the JSON body.']);
  }
  return new Request(url, {
    method,
    headers: ctx.request.headers,
    body: JSON.stringify(mapBody(ctx, parsed)),
  });
}

/** A handler that serves a v2 path with the Cloud handler of `cloudPath` (path and query; defaults to the same path under v3). */
export function viaCloud(mapBody?: BodyMap, cloudPath?: (ctx: DcContext) => string): DcHandler {
  return async (ctx) => {
    const url = new URL(ctx.url);
    if (cloudPath === undefined) url.pathname = url.pathname.replace(/^\/rest\/api\/2\//, '/rest/api/3/');
    else url.href = new URL(cloudPath(ctx), url.origin).href;
    const request = await translatedRequest(ctx, url, mapBody);
    const method = request.method.toUpperCase();
    const match = route(method, url.pathname.replace(/\/+$/, ''));
    if (match === undefined || match === 'method') throw new Error(`no Cloud handler for ${method} ${url.pathname}`);
    const { site } = ctx;
    const cloudCtx = {
      request,
      url,
      params: match.params,
      actor: ctx.actor,
      state: site.state,
      clock: site.clock,
      limits: site.limits,
      limiter: site.issueLimiter,
      emit: ctx.emit,
      emitWebhookOnly: ctx.emitWebhookOnly,
    };
    guardRequest(cloudCtx, method, match.template);
    guardIssueRoute(cloudCtx);
    return replyToDc(site.state, site.directory, await match.handler(cloudCtx));
  };
}
