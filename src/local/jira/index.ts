/**
 * The emulated Jira Cloud REST v3 site. Every request passes, in order: faults, authentication, the per-caller
 * burst limit, routing, the handler (which validates against the official spec and applies per-issue write
 * limits). Each change emits the Forge product event the app would receive.
 */
import type { Caller, Clock, HttpService, JiraLimits, JiraProductEvent, JiraSeed, ServiceFaults } from '../contracts';
import { resolveActor } from './auth';
import { errorResponse, JiraHttpError, jsonResponse } from './errors';
import { defaultJiraLimits, JiraRateLimiter } from './limits';
import { JiraPointsQuota, pointsFor } from './quota';
import { guardRequest } from './guards';
import { guardIssueRoute } from './handlers/security';
import { route } from './router';
import { JiraState } from './state';
import { webhookDeliveries, type WebhookDelivery } from './webhook-delivery';
import type { AdminWebhook } from './webhook-registry';

export { defaultWorkflow } from './workflow';
export type { JiraWorkflow } from '../contracts';
export { servedRoutes } from './router';
export type { WebhookDelivery } from './webhook-delivery';

type Listener = (event: JiraProductEvent) => void;
type WebhookListener = (delivery: WebhookDelivery) => void;

export class JiraEmulator implements HttpService {
  readonly appAccountId: string;
  readonly limits: JiraLimits;
  private readonly clock: Clock;
  private readonly state: JiraState;
  private readonly limiter: JiraRateLimiter;
  private readonly quota: JiraPointsQuota;
  private readonly listeners = new Set<Listener>();
  private readonly webhookListeners = new Set<WebhookListener>();
  private faults: ServiceFaults | null = null;

  constructor(options: { clock: Clock; seed: JiraSeed; limits?: Partial<JiraLimits> }) {
    this.clock = options.clock;
    this.appAccountId = options.seed.appAccountId;
    this.limits = { ...defaultJiraLimits, ...options.limits };
    this.state = new JiraState(options.seed);
    this.limiter = new JiraRateLimiter(this.clock, this.limits);
    this.quota = new JiraPointsQuota(this.clock, this.limits.quotaPointsPerHour);
  }

  /** Points left in the app's hourly quota (tests and the bench read it). */
  quotaRemaining(): number {
    return this.quota.remaining();
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Webhook deliveries (Jira's webhook JSON, signed as documented); the sandbox POSTs them to their URL. */
  onWebhook(listener: WebhookListener): () => void {
    this.webhookListeners.add(listener);
    return () => this.webhookListeners.delete(listener);
  }

  /** Jira settings → System → WebHooks: an admin registers a webhook, optionally with a secret. */
  registerAdminWebhook(hook: Omit<AdminWebhook, 'kind' | 'id'>): AdminWebhook {
    return this.state.webhooks.addAdmin(hook);
  }

  /** id.atlassian.com → API tokens: once a person has one, Basic auth needs one of theirs. */
  issueApiToken(email: string): string {
    return this.state.credentials.issueApiToken(email);
  }

  /** An access token of an OAuth 2.0 app the person authorised (the grant flow itself is not emulated). */
  issueOAuthToken(accountId: string, clientSecret: string): string {
    return this.state.credentials.issueOAuthToken({ accountId, clientSecret });
  }

  setFaults(faults: ServiceFaults | null): void {
    this.faults = faults;
  }

  async handle(request: Request, caller?: Caller): Promise<Response> {
    // Only the app's traffic (asApp, asUser through Forge) spends the app's quota; API-token traffic does not.
    const metered = caller !== undefined;
    try {
      if (metered) this.quota.admit();
    } catch (error) {
      if (error instanceof JiraHttpError) return errorResponse(error);
      throw error;
    }
    let response: Response;
    try {
      response = await this.dispatch(request, caller);
    } catch (error) {
      if (!(error instanceof JiraHttpError)) {
        // A write whose reply was lost was applied, so it was charged.
        if (metered) this.quota.charge(1);
        throw error;
      }
      response = errorResponse(error);
    }
    if (metered && !(response.status === 429 && response.headers.get('RateLimit-Reason') !== null))
      await this.charge(request, response);
    return response;
  }

  /** Charges the answered request's points and adds the quota headers (a reply lost on the wire was still charged). */
  private async charge(request: Request, response: Response): Promise<void> {
    const method = request.method.toUpperCase();
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    let body: unknown = null;
    if (response.status < 400 && (response.headers.get('content-type') ?? '').includes('json')) {
      body = JSON.parse(await response.clone().text()) as unknown;
    }
    this.quota.charge(pointsFor(method, path, response.status, body));
    for (const [k, v] of Object.entries(this.quota.headers())) response.headers.set(k, v);
  }

  private injectedFault(): Response | undefined {
    const f = this.faults;
    if (f === null) return undefined;
    if (f.random() < f.rateLimit) {
      return errorResponse(
        new JiraHttpError(
          429,
          ['Rate limit exceeded.'],
          {},
          { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based' },
        ),
      );
    }
    if (f.random() < f.serverError)
      return jsonResponse(503, { errorMessages: ['Service Unavailable'], errors: {} }, { 'Retry-After': '1' });
    return undefined;
  }

  /** The request's path on the site, with the API gateway's `/ex/jira/{cloudId}` prefix taken off. */
  private siteUrl(request: Request): { url: URL; viaGateway: boolean } {
    const url = new URL(request.url);
    const prefix = `/ex/jira/${this.state.seed.cloudId}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return { url, viaGateway: false };
    url.pathname = url.pathname.slice(prefix.length);
    return { url, viaGateway: true };
  }

  /** Rolled before the write runs, so a test may clear the plan on the write's event and lose exactly this reply. */
  private rollLostReply(request: Request, url: URL, caller?: Caller): boolean {
    const p = this.faults?.lostReply ?? 0;
    const isWrite = request.method.toUpperCase() !== 'GET' && !url.pathname.endsWith('/search/jql');
    return p > 0 && caller?.kind === 'app' && isWrite && (this.faults?.random() ?? 1) < p;
  }

  private async dispatch(request: Request, caller?: Caller): Promise<Response> {
    const { url, viaGateway } = this.siteUrl(request);
    const actor = resolveActor(this.state.seed, this.state.credentials, request, caller);
    // As on Jira Cloud, an OAuth 2.0 token works only through api.atlassian.com/ex/jira/{cloudId}, never on the site.
    if (actor.oauth !== undefined && !viaGateway)
      throw new JiraHttpError(401, ['Client must be authenticated to access this resource.']);
    const fault = this.injectedFault();
    if (fault !== undefined) return fault;
    const loseReply = this.rollLostReply(request, url, caller);
    const rateHeaders = this.limiter.admitRequest(actor.bucket);
    const match = route(request.method.toUpperCase(), url.pathname.replace(/\/+$/, ''));
    if (match === undefined) throw new JiraHttpError(404, [`No route for ${request.method} ${url.pathname}`]);
    if (match === 'method')
      throw new JiraHttpError(405, [`Method ${request.method} is not allowed on ${url.pathname}`]);
    const events: JiraProductEvent[] = [];
    const webhookOnly: JiraProductEvent[] = [];
    const ctx = {
      request,
      url,
      params: match.params,
      actor,
      state: this.state,
      clock: this.clock,
      limits: this.limits,
      limiter: this.limiter,
      emit: (e: JiraProductEvent) => events.push(e),
      emitWebhookOnly: (e: JiraProductEvent) => webhookOnly.push(e),
    };
    guardRequest(ctx, request.method.toUpperCase(), match.template);
    guardIssueRoute(ctx);
    const issueRef = match.params.issueIdOrKey;
    const touched = issueRef === undefined ? undefined : this.state.findIssue(issueRef)?.id;
    const response = await match.handler(ctx);
    if (request.method.toUpperCase() !== 'GET')
      this.state.searchIndex.afterWrite(this.state.issues, touched, this.clock.now() + this.limits.searchLagMs);
    // Events leave only after the change is complete, so a listener reading back sees the new state.
    for (const event of events) for (const listener of [...this.listeners]) listener(event);
    if (this.webhookListeners.size > 0) {
      for (const event of [...events, ...webhookOnly])
        for (const delivery of webhookDeliveries(this.state, event, this.clock.now()))
          for (const l of [...this.webhookListeners]) l(delivery);
    }
    for (const [k, v] of Object.entries(rateHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
    if (loseReply && response.status < 400)
      throw new TypeError('fetch failed: the connection closed before the reply arrived (emulated lost reply)');
    return response;
  }
}
