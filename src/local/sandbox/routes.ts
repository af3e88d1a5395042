/**
 * The sandbox's routes as one fetch-style function, so tests can drive them without a socket:
 * `/jira/…` and `/b24/rest/…` reach the emulators as people do, `/webtrigger/<key>` reaches the app's web
 * triggers as the internet does, `/__sandbox/*` scripts the platform, and `/ui/*` shows the app's own pages.
 */
import type { FaultPlan, HttpService, InvokeRequest, LocalPlatformApi } from '../contracts';
import { servePage } from './page';
import { routeUi } from './ui/routes';

export interface SandboxTargets extends LocalPlatformApi {
  jira: HttpService;
  /** `uninstallApp`: the portal admin removing the local application (the Bitrix24 emulator has it). */
  b24: HttpService & { uninstallApp?(options?: { clean?: boolean }): void };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

const problem = (status: number, message: string): Response => json({ error: message }, status);

/** Re-target a request at an emulator's real base URL, keeping method, headers and body. */
async function forward(request: Request, target: HttpService, url: string): Promise<Response> {
  const method = request.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
  return target.handle(new Request(url, { method, headers: request.headers, body }));
}

function portalOrigin(portal: string): string {
  return portal.startsWith('http') ? portal.replace(/\/+$/, '') : `https://${portal}`;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function asFaultPlan(body: Record<string, unknown>): FaultPlan | string {
  const plan: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'webTriggerJsonOnly') {
      if (typeof value !== 'boolean') return 'fault "webTriggerJsonOnly" must be true or false';
      plan[key] = value;
      continue;
    }
    const known = [
      'seed',
      'duplicateEvents',
      'reorderEvents',
      'delayEvents',
      'dropEvents',
      'b24RateLimit',
      'jira429',
      'serverErrors',
      'webTriggerJsonOnly',
      'lostReplies',
      'b24LostReplies',
      'refusedWrites',
    ];
    if (!known.includes(key)) return `unknown fault "${key}"; known: ${known.join(', ')}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `fault "${key}" must be a number`;
    if (key !== 'seed' && (value < 0 || value > 1)) return `fault "${key}" is a probability between 0 and 1`;
    plan[key] = value;
  }
  return plan;
}

/** A plain settle waits for nothing further than this: retries backing off for longer stay pending. */
const SETTLE_HORIZON_MS = 5 * 60_000;

function asSettleOptions(body: Record<string, unknown>): { horizonMs: number } | { advanceMs: number } | string {
  const { advanceMs, ...rest } = body;
  if (Object.keys(rest).length > 0) return `unknown settle option "${Object.keys(rest)[0]}"; known: advanceMs`;
  if (advanceMs === undefined) return { horizonMs: SETTLE_HORIZON_MS };
  if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0)
    return '"advanceMs" must be a whole number of milliseconds, 0 or more';
  return { advanceMs };
}

function asInvokeRequest(body: Record<string, unknown>): InvokeRequest | string {
  const { function: fn, call, payload, accountId, extension } = body;
  if (typeof fn !== 'string' || typeof call !== 'string' || typeof accountId !== 'string') {
    return 'invoke needs "function", "call" and "accountId" as strings';
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (payload !== undefined && !isObject(payload)) return '"payload" must be an object';
  if (extension !== undefined && !isObject(extension)) return '"extension" must be an object';
  return { function: fn, call, accountId, payload, extension };
}

async function sandboxRoute(request: Request, path: string, platform: SandboxTargets): Promise<Response> {
  const method = request.method.toUpperCase();
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sandbox/info':
      return json(platform.info());
    case 'GET /__sandbox/stats':
      return json(platform.stats());
    case 'POST /__sandbox/stats/reset':
      platform.resetStats();
      return json({ ok: true });
    case 'POST /__sandbox/settle': {
      const body = await readJsonObject(request);
      if (!body) return problem(400, 'the body must be a JSON object (or empty)');
      const options = asSettleOptions(body);
      if (typeof options === 'string') return problem(400, options);
      return json(await platform.settle(options));
    }
    case 'POST /__sandbox/reset':
      await platform.reset();
      return json({ ok: true });
    case 'POST /__sandbox/b24/uninstall': {
      const body = await readJsonObject(request);
      const { clean, ...rest } = body ?? {};
      if (!body || Object.keys(rest).length > 0 || (clean !== undefined && typeof clean !== 'boolean'))
        return problem(400, 'the body must be empty or { "clean": true | false }');
      if (!platform.b24.uninstallApp) return problem(404, 'this portal cannot uninstall the app');
      platform.b24.uninstallApp(clean === undefined ? {} : { clean });
      return json({ ok: true });
    }
    case 'POST /__sandbox/faults':
    case 'POST /__sandbox/invoke': {
      const body = await readJsonObject(request);
      if (!body) return problem(400, 'the body must be a JSON object');
      const parsed = route.endsWith('faults') ? asFaultPlan(body) : asInvokeRequest(body);
      if (typeof parsed === 'string') return problem(400, parsed);
      if (route.endsWith('faults')) {
        platform.setFaults(parsed as FaultPlan);
        return json({ ok: true, plan: parsed });
      }
      return json(await platform.invoke(parsed as InvokeRequest));
    }
    default:
      return problem(404, `no sandbox route ${route}`);
  }
}

export async function routeSandbox(request: Request, platform: SandboxTargets): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname;
  if (path === '/' || path.startsWith('/static/')) return servePage(path);
  if (path.startsWith('/__sandbox/')) return sandboxRoute(request, path, platform);
  const ui = routeUi(request, url, platform);
  if (ui) return ui;
  if (path.startsWith('/jira/')) {
    return forward(request, platform.jira, `${platform.info().jira.baseUrl}${path.slice('/jira'.length)}${url.search}`);
  }
  if (path.startsWith('/b24/rest/')) {
    return forward(
      request,
      platform.b24,
      `${portalOrigin(platform.info().b24.portal)}${path.slice('/b24'.length)}${url.search}`,
    );
  }
  const webtrigger = /^\/webtrigger\/([A-Za-z0-9_-]+)$/.exec(path);
  if (webtrigger?.[1]) return platform.webtrigger(webtrigger[1], request);
  return problem(404, `nothing at ${path}`);
}
