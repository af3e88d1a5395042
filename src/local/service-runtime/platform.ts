/**
 * The sandbox's second runtime: the self-hosted service (src/service/sandbox-entry.ts) between the emulated Jira
 * Cloud and an emulated on-premise portal, behind the same LocalPlatformApi as the Forge runtime. The service
 * reaches both emulators over its own fetch (an API token to Jira, OAuth to the portal), Jira's webhooks reach its
 * `/events/jira`, and the portal's changes wait in its offline queue until the service's schedule drains it.
 * Time is the platform's clock: settling runs what the job engine says is due and jumps the clock to the next
 * due job or schedule, as the Forge runtime's settle does.
 */
import { startSandboxService, type SandboxService } from '../../service/sandbox-entry';
import { Bitrix24Emulator, OAUTH_HOST } from '../b24';
import type {
  B24Limits,
  FaultPlan,
  InvokeRequest,
  JiraLimits,
  LocalPlatformApi,
  PlatformInfo,
  PlatformStats,
  SettleReport,
} from '../contracts';
import { FaultInjector } from '../forge/faults';
import type { AdvanceableClock } from '../forge/runtime';
import { b24Method, isB24Read, isJiraRead, StatsRecorder } from '../forge/stats';
import { JiraEmulator, type WebhookDelivery } from '../jira';
import type { PlatformSeed } from '../seed';
import { seedInfo } from '../seed-info';
import { JIRA_WEBHOOK_SECRET, SERVICE_ACCOUNT, seedService, serviceSeed } from './seed';
import { settleService, type Pending, type ServiceSettleOptions } from './settle';

export interface ServicePlatformOptions {
  clock: AdvanceableClock;
  /** Where the sandbox listens: the service's public address. */
  origin: string;
  seed?: PlatformSeed;
  jiraLimits?: Partial<JiraLimits>;
  b24Limits?: Partial<B24Limits>;
  logSink?: (line: string) => void;
}

const RESOLVER_PAGES: Record<string, 'settings' | 'issue'> = {
  'settings-resolver-fn': 'settings',
  'issue-resolver-fn': 'issue',
};

export class ServicePlatform implements LocalPlatformApi {
  readonly seed: PlatformSeed;
  readonly clock: AdvanceableClock;
  private parts!: { jira: JiraEmulator; b24: Bitrix24Emulator; service: SandboxService };
  private pending: Pending = { jira: [], b24: [] };
  private faults = new FaultInjector();
  private recorder = new StatsRecorder();

  private constructor(private readonly options: ServicePlatformOptions) {
    this.clock = options.clock;
    this.seed = options.seed ?? serviceSeed();
  }

  static async create(options: ServicePlatformOptions): Promise<ServicePlatform> {
    const platform = new ServicePlatform(options);
    await platform.build();
    return platform;
  }

  get jira(): JiraEmulator {
    return this.parts.jira;
  }

  get b24(): Bitrix24Emulator {
    return this.parts.b24;
  }

  get service(): SandboxService {
    return this.parts.service;
  }

  info(): PlatformInfo {
    return {
      runtime: 'service',
      ...seedInfo(this.seed, this.options.origin),
      webtriggers: {
        'b24-events': `${this.options.origin}/webtrigger/b24-events`,
        'jira-webhook': `${this.options.origin}/webtrigger/jira-webhook`,
      },
      resolvers: Object.fromEntries(
        Object.entries(RESOLVER_PAGES).map(([fn, page]) => [fn, this.service.resolverCalls(page)]),
      ),
    };
  }

  /** See LocalPlatformApi.settle; `untilIdle` is ./settle.ts's. */
  settle(options: ServiceSettleOptions = {}): Promise<SettleReport> {
    return settleService({
      clock: this.clock,
      service: this.service,
      pending: this.pending,
      offlineWaiting: () =>
        this.b24
          .snapshot()
          .offline.all()
          .filter((r) => !r.error).length,
      deliver: (request) => this.deliver(request),
      options,
    });
  }

  stats(): PlatformStats {
    return this.recorder.snapshot();
  }

  resetStats(): void {
    this.recorder.reset();
  }

  /** Per-call faults reach the emulators and the app's writes, as on Forge; the event faults are Forge's own. */
  setFaults(plan: FaultPlan): void {
    this.faults = new FaultInjector(plan);
    this.jira.setFaults(this.faults.serviceFaults('jira'));
    this.b24.setFaults(this.faults.serviceFaults('b24'));
  }

  async reset(): Promise<void> {
    this.pending = { jira: [], b24: [] };
    this.faults = new FaultInjector();
    await this.build();
  }

  /** A resolver call as the service's signed-in admin makes it (the service has one admin, not Jira's people). */
  invoke(request: InvokeRequest): Promise<unknown> {
    const page = RESOLVER_PAGES[request.function];
    if (!page) return Promise.reject(new Error(`no resolver function ${request.function} in the service`));
    return this.service.resolve({
      page,
      call: request.call,
      ...(request.payload ? { payload: request.payload } : {}),
      ...(request.extension ? { extension: request.extension } : {}),
    });
  }

  /** `b24-events` is the service's `/events/b24`, `jira-webhook` its `/events/jira`. */
  async webtrigger(key: string, request: Request): Promise<Response> {
    const path = { 'b24-events': '/events/b24', 'jira-webhook': '/events/jira' }[key];
    if (!path) return Response.json({ error: `no web trigger ${key}` }, { status: 404 });
    const body = ['GET', 'HEAD'].includes(request.method.toUpperCase()) ? undefined : await request.arrayBuffer();
    return this.deliver(
      new Request(new URL(path, this.options.origin), { method: request.method, headers: request.headers, body }),
    );
  }

  /** An HTTP request to the service's public address, by its path. */
  private async deliver(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/events/jira') return this.service.jiraWebhook(request);
    return this.service.http.request(request);
  }

  /** The service's outbound HTTP: the portal (and its OAuth server) and the Jira site; nothing else is reachable. */
  private async serviceFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const jiraOrigin = new URL(this.seed.jira.baseUrl).origin;
    if (url.host === this.seed.b24.domain) {
      this.recorder.recordB24(url, request.headers.get('content-type') ?? '', await request.clone().text());
      // Only writes are refused, as the Forge runtime's proxy decides: a remote that refuses a value still reads.
      const method = b24Method(url).toLowerCase();
      return this.faults.refusal('b24', !isB24Read(method) && method !== 'batch') ?? this.b24.handle(request);
    }
    if (url.host === OAUTH_HOST) return this.b24.handle(request);
    if (url.origin === jiraOrigin) {
      const method = request.method.toUpperCase();
      this.recorder.recordJira(method, url);
      return this.faults.refusal('jira', !isJiraRead(method, url)) ?? this.jira.handle(request);
    }
    throw new TypeError(`fetch failed: ${url.host} is not reachable from the sandbox`);
  }

  private async build(): Promise<void> {
    const { clock, seed } = this;
    const jira = new JiraEmulator({ clock, seed: seed.jira, limits: this.options.jiraLimits });
    const b24 = new Bitrix24Emulator({
      clock,
      seed: seed.b24,
      outbox: (delivery) => this.pending.b24.push(delivery),
      limits: this.options.b24Limits,
    });
    jira.onWebhook((delivery: WebhookDelivery) => this.pending.jira.push(delivery));
    const fetch = (input: string | URL | Request, init?: RequestInit) => this.serviceFetch(input, init);
    const service = await startSandboxService({
      clock,
      fetch,
      jiraFetch: fetch,
      jiraAccount: {
        siteUrl: seed.jira.baseUrl,
        email: SERVICE_ACCOUNT.email,
        apiToken: jira.issueApiToken(SERVICE_ACCOUNT.email),
      },
      jiraWebhookAuth: { mode: 'secret', secret: JIRA_WEBHOOK_SECRET },
      publicUrl: this.options.origin,
      ...(this.options.logSink ? { logSink: this.options.logSink } : {}),
    });
    this.parts = { jira, b24, service };
    await seedService({ seed, service, jira, b24, publicUrl: this.options.origin });
    this.pending.jira.length = 0;
    this.recorder.reset();
  }
}
