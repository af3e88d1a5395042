/**
 * The emulated Jira Data Center 10.3 LTS: REST v2, personal access tokens, admin webhooks and the per-user rate
 * limit (see src/local/README.md, "Emulated Jira Data Center"). It shares the Cloud emulator's state and its rules
 * where Data Center's are the same (permissions, screens, workflows, comments, attachments, properties), and speaks
 * v2 at the edge: wiki text, users by key and name, offset paging. Every request passes, in order: authentication,
 * the rate limit, routing, the handler; the changes it made then reach the registered webhooks.
 */
import type { Clock, HttpService, JiraLimits, JiraProductEvent, JiraSeed } from '../contracts';
import { errorResponse, JiraHttpError } from '../jira/errors';
import { defaultJiraLimits, JiraRateLimiter } from '../jira/limits';
import { JiraState } from '../jira/state';
import type { WebhookDelivery } from '../jira/webhook-delivery';
import { notAuthenticated, resolveDcActor } from './auth';
import type { DcContext, DcSite } from './context';
import { DcDirectory, type EmailVisibility } from './directory';
import { PatStore } from './pat';
import { DcRateLimiter, type DcRateLimit } from './rate-limit';
import { ANONYMOUS, dcRoute } from './routes';
import { dcDeliveries } from './webhook-delivery';
import { DcWebhookRegistry } from './webhook-registry';

export type { DcRateLimit } from './rate-limit';
export { DEFAULT_DC_RATE_LIMIT } from './rate-limit';
export type { EmailVisibility } from './directory';
export { dcServedRoutes } from './routes';

export const DC_VERSION = '10.3.0';

/** Data Center has no per-issue write limit, so the shared handlers' limiter is given limits that never bind. */
const UNBOUNDED = { requestsPerSecond: Infinity, issueWritesPer2s: Infinity, issueWritesPer30s: Infinity };

type WebhookListener = (delivery: WebhookDelivery) => void;

export interface JiraDcOptions {
  clock: Clock;
  seed: JiraSeed;
  limits?: Partial<Pick<JiraLimits, 'attachmentMaxBytes' | 'searchLagMs'>>;
  version?: string;
}

export class JiraDcEmulator implements HttpService {
  private readonly site: DcSite;
  private readonly rateLimiter: DcRateLimiter;
  private readonly webhookListeners = new Set<WebhookListener>();

  constructor(options: JiraDcOptions) {
    const state = new JiraState(options.seed);
    const limits: JiraLimits = { ...defaultJiraLimits, quotaPointsPerHour: Infinity, ...options.limits, ...UNBOUNDED };
    this.site = {
      state,
      directory: new DcDirectory(state),
      pats: new PatStore(),
      webhooks: new DcWebhookRegistry(),
      clock: options.clock,
      limits,
      issueLimiter: new JiraRateLimiter(options.clock, limits),
      version: options.version ?? DC_VERSION,
    };
    this.rateLimiter = new DcRateLimiter(options.clock);
  }

  get baseUrl(): string {
    return this.site.state.seed.baseUrl;
  }

  /** Profile → Personal Access Tokens → Create token, as the user named `username`; optional expiry in days. */
  createPat(username: string, name: string, expiresInDays?: number): { id: number; token: string } {
    const user = this.site.directory.byName(username);
    if (user === undefined) throw new Error(`no user named ${username}`);
    const { record, rawToken } = this.site.pats.issue(user.accountId, name, this.site.clock.now(), expiresInDays);
    return { id: record.id, token: rawToken };
  }

  revokePat(id: number): void {
    if (!this.site.pats.revoke(id)) throw new Error(`no token ${id}`);
  }

  setPassword(username: string, password: string): void {
    this.site.directory.setPassword(username, password);
  }

  /** User management → Edit user: the login changes, the key does not. */
  renameUser(oldName: string, newName: string): void {
    this.site.directory.rename(oldName, newName);
  }

  /** The users' key and current name, by the shared seed's account id (tests and the sandbox's info read them). */
  userOf(accountId: string): { key: string; name: string } | undefined {
    const user = this.site.directory.byAccountId(accountId);
    return user === undefined ? undefined : { key: user.key, name: user.name };
  }

  setEmailVisibility(visibility: EmailVisibility): void {
    this.site.directory.emailVisibility = visibility;
  }

  /** System → Rate limiting: `null` is "Allow unlimited requests" (the default). */
  setRateLimit(limit: DcRateLimit | null): void {
    this.rateLimiter.configure(limit);
  }

  setSearchLag(ms: number): void {
    this.site.limits.searchLagMs = ms;
  }

  onWebhook(listener: WebhookListener): () => void {
    this.webhookListeners.add(listener);
    return () => this.webhookListeners.delete(listener);
  }

  async handle(request: Request): Promise<Response> {
    let rateHeaders: Record<string, string> = {};
    try {
      const now = this.site.clock.now();
      const actor = resolveDcActor(request, this.site.directory, this.site.pats, now);
      // Rate limiting counts authenticated REST requests only ("Adjusting your code for rate limiting").
      if (actor !== undefined) rateHeaders = this.rateLimiter.admit(actor.accountId);
      const response = await this.dispatch(request, actor);
      for (const [k, v] of Object.entries(rateHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
      return response;
    } catch (error) {
      if (!(error instanceof JiraHttpError)) throw error;
      const response = errorResponse(error);
      for (const [k, v] of Object.entries(rateHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
      return response;
    }
  }

  private async dispatch(request: Request, actor: DcContext['actor'] | undefined): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const match = dcRoute(method, url.pathname.replace(/\/+$/, ''));
    if (match === undefined) throw new JiraHttpError(404, [`No route for ${method} ${url.pathname}`]);
    if (match === 'method') throw new JiraHttpError(405, [`Method ${method} is not allowed on ${url.pathname}`]);
    const anonymousOk = ANONYMOUS.has(`${method} ${match.template}`);
    // Stricter than a site that grants Browse Projects to anyone: the emulated site grants nothing to anonymous users.
    if (actor === undefined && !anonymousOk) throw notAuthenticated('AUTHENTICATION_DENIED');
    const events: JiraProductEvent[] = [];
    const ctx: DcContext = {
      request,
      url,
      params: match.params,
      actor: actor ?? { accountId: '', isApp: false, bucket: 'anonymous', via: 'basic' },
      site: this.site,
      emit: (e) => events.push(e),
      emitWebhookOnly: (e) => events.push(e),
    };
    const touched =
      match.params.issueIdOrKey === undefined ? undefined : this.site.state.findIssue(match.params.issueIdOrKey)?.id;
    const response = await match.handler(ctx);
    const { state, clock, limits } = this.site;
    if (method !== 'GET') state.searchIndex.afterWrite(state.issues, touched, clock.now() + limits.searchLagMs);
    for (const event of events)
      for (const delivery of dcDeliveries(this.site, event, clock.now()))
        for (const listener of [...this.webhookListeners]) listener(delivery);
    return response;
  }
}
