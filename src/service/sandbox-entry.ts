/**
 * The service as the local sandbox runs it (`npm start -- --runtime service`): the same composition, workers,
 * schedules, HTTP routes and Jira webhook intake as ./service.ts, but on in-memory storage and on a job engine on
 * simulated time, so the sandbox (like its scenario tests) moves the clock and decides when due work runs. The one
 * function here is all src/local may reach of the service (.boundaries.json, localSurface).
 */
import type { Hono } from 'hono';
import { createJiraTokenTransport } from '../adapters/jira-cloud/token-transport';
import { learnServiceAccount, readServiceAccount } from '../adapters/jira-cloud/service-account';
import { receiveJiraWebhook, type JiraWebhookDeps } from '../app/intake/jira-webhook';
import type { JiraWebhookAuth } from '../app/intake/jira-webhook-signature';
import type { Clock } from '../ports/clock';
import type { KeyValueStore } from '../ports/store';
import { adminRights } from './admin-rights';
import { lastSyncedByProject, RESOLVER_DEFINITIONS, type ResolverHost } from './app-calls';
import { Accounts } from './auth/accounts';
import { LoginThrottle } from './auth/throttle';
import { composeService, serviceLogger } from './compose';
import type { DeadLetter, QueueStats } from './engines';
import { createHttpApp } from './http/app';
import { syncJobKeys } from './job-keys';
import { createMemoryStorage } from './memory-engines';
import { createServiceMetrics, type ServiceMetrics } from './metrics';
import { startWork } from './service';
import { createSimulatedJobEngine } from './simulated-job-engine';

export interface SandboxServiceOptions {
  clock: Clock;
  /** Where the service's Bitrix24 calls go (the emulated portal). */
  fetch: typeof fetch;
  /** Where the service's Jira calls go (the emulated site, same fetch is fine). */
  jiraFetch: typeof fetch;
  /** The service's Jira account: an API token, sent as documented for integrations that are not apps. */
  jiraAccount: { siteUrl: string; email: string; apiToken: string };
  /** How the Jira webhooks the service registered prove their origin. */
  jiraWebhookAuth: JiraWebhookAuth;
  /** The service's public address: the admin page's origin and the event URL's base. */
  publicUrl: string;
  logSink?: (line: string) => void;
}

export interface SandboxResolverCall {
  page: 'settings' | 'issue';
  call: string;
  payload?: unknown;
  extension?: Record<string, unknown>;
}

export interface SandboxService {
  /** The service's own routes (`/events/b24`, `/healthz`, the admin page…), as its HTTP server answers them. */
  http: Hono;
  /** `POST /events/jira`: a Jira webhook delivery, verified and queued. */
  jiraWebhook(request: Request): Promise<Response>;
  /** A resolver call as the signed-in admin's page makes it, past the session and CSRF checks. */
  resolve(call: SandboxResolverCall): Promise<unknown>;
  /** The resolver call names of a page, for the sandbox's info. */
  resolverCalls(page: 'settings' | 'issue'): string[];
  /** Asks Jira's /myself who the service is, as the Jira connection step does (loop prevention needs it). */
  learnJiraAccount(): Promise<string>;
  kv: KeyValueStore;
  /** Runs every job and schedule due by the clock; returns how many ran. */
  runDue(): Promise<number>;
  nextDueAt(): number | null;
  /** When the next queued job falls due, schedules aside. */
  nextJobDueAt(): number | null;
  /** Runs one schedule now by its name (`reconcile`, `event-watch`, `offline-events`), as the clock would. */
  runSchedule(name: string): Promise<void>;
  queueStats(): Promise<QueueStats[]>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Job verdicts so far by kind (done, retry, dead), as /metrics counts them. */
  jobOutcomes(): Record<string, number>;
}

export async function startSandboxService(options: SandboxServiceOptions): Promise<SandboxService> {
  const { clock } = options;
  const jiraTransport = createJiraTokenTransport({ ...options.jiraAccount, fetch: options.jiraFetch });
  const storage = createMemoryStorage(() => clock.now());
  // The pair keys the service's own engines get (./wiring.ts): without them two jobs of one pair would overlap.
  const jobs = createSimulatedJobEngine({ clock, keys: { sync: syncJobKeys(storage.kv) } });
  const counted = createServiceMetrics({ defaultMetrics: false });
  const outcomes: Record<string, number> = {};
  // The sandbox's settle report counts retries and dead letters: the same verdicts /metrics counts.
  const metrics: ServiceMetrics = {
    ...counted,
    job(queue, outcome) {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      counted.job(queue, outcome);
    },
  };
  const log = serviceLogger({ level: 'info', clock, ...(options.logSink ? { sink: options.logSink } : {}) });
  const app = composeService({
    config: { remoteTimeoutMs: 20_000, jobTimeoutSeconds: 900 },
    storage,
    jobs,
    jiraTransport,
    metrics,
    log,
    clock,
    fetch: options.fetch,
  });
  counted.observe({ jobs, lastSync: () => lastSyncedByProject(app.deps()), now: () => clock.now() });
  const publicUrl = new URL(options.publicUrl);
  const http = createHttpApp({
    options: { publicUrl, secureCookies: false, bodyLimitBytes: 512_000, resolverTimeoutMs: 25_000, sessionHours: 12 },
    app,
    accounts: new Accounts(storage.kv, () => clock.now()),
    throttle: new LoginThrottle(storage.kv, () => clock.now()),
    jobs,
    metrics,
    setupCode: 'sandbox',
    ready: [{ name: 'queue', check: async () => void (await jobs.stats()) }],
    rights: adminRights,
    jira: {
      mode: 'token',
      webhookAuth: options.jiraWebhookAuth,
      serviceAccountId: async () => (await readServiceAccount(storage.kv))?.accountId ?? null,
    },
  });
  await startWork(jobs, app, metrics);
  const webhookDeps = (): JiraWebhookDeps => ({
    ...app.deps({ handler: 'jira-webhook' }),
    auth: options.jiraWebhookAuth,
    clock,
    serviceAccountId: async () => (await readServiceAccount(storage.kv))?.accountId ?? null,
  });
  return {
    http,
    async jiraWebhook(request) {
      const reply = await receiveJiraWebhook(
        { headers: request.headers, rawBody: await request.text() },
        webhookDeps(),
      );
      return Response.json(reply.body, { status: reply.status });
    },
    async resolve({ page, call, payload, extension }) {
      const run = Object.hasOwn(RESOLVER_DEFINITIONS[page], call) ? RESOLVER_DEFINITIONS[page][call] : undefined;
      if (!run) throw new Error(`There is no call ${page}/${call}.`);
      const deps = app.deps({ resolver: `${page}/${call}` });
      const host: ResolverHost = {
        rights: adminRights(deps),
        compose: () => deps,
        eventUrl: () => Promise.resolve(new URL('/events/b24', publicUrl).toString()),
        transport: app.b24Transport,
      };
      return run(
        { context: { accountId: 'service-admin:sandbox', extension: extension ?? {} }, payload: payload ?? {} },
        host,
      );
    },
    resolverCalls: (page) => Object.keys(RESOLVER_DEFINITIONS[page]),
    async learnJiraAccount() {
      return (await learnServiceAccount(jiraTransport, storage.kv, clock)).accountId;
    },
    kv: storage.kv,
    runDue: () => jobs.runDue(),
    nextDueAt: () => jobs.nextDueAt(),
    nextJobDueAt: () => jobs.nextJobDueAt(),
    runSchedule: (name) => jobs.runSchedule(name),
    queueStats: () => jobs.stats(),
    deadLetters: (limit) => jobs.deadLetters(limit),
    jobOutcomes: () => ({ ...outcomes }),
  };
}
