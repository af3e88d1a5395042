/**
 * The service put together: the database, the engines on it, the app's dependencies, the workers of both queues,
 * the two schedules and the HTTP routes, and the way to stop them all in order. ./main.ts adds the port and
 * the signals; tests call `startService` directly.
 */
import { openDatabase, type SqlDb } from '../adapters/sql/db';
import { createDynamicWebhookApi } from '../adapters/jira-cloud/dynamic-webhooks';
import { createDcWebhookApi } from '../adapters/jira-dc/webhooks';
import { keepJiraWebhooksAlive } from '../app/intake/jira-webhook-upkeep';
import { storesOf } from '../app/store/stores';
import { backoffSeconds } from '../app/retry-policy';
import { lastSyncedByProject, offlineTick, reconcileTick, runJob, watchTick } from './app-calls';
import { adminRights } from './admin-rights';
import { Accounts } from './auth/accounts';
import type { ScryptCost } from './auth/password';
import { sharedSetupCode } from './auth/setup-code';
import { LoginThrottle, type ThrottleLimits } from './auth/throttle';
import { composeService, serviceLogger, wallClock, type ServiceApp } from './compose';
import { cookiesSecure, type ServiceConfig } from './config';
import type { JobEngine, QueueName } from './engines';
import { createHttpApp } from './http/app';
import type { Hono } from 'hono';
import { createServiceMetrics, type ServiceMetrics } from './metrics';
import { buildJiraConnection, ServiceAccount, type JiraConnection, type JiraParts } from './jira-connection';
import { countedJiraTransport } from './transports';
import type { ServiceEngines } from './wiring';

export interface StartOptions {
  config: ServiceConfig;
  engines: ServiceEngines;
  /** Default: the connection `config.jira` describes (./jira-connection.ts). */
  jira?: (parts: JiraParts) => JiraConnection;
  /** Tests: a lower scrypt cost, throttle limits, a log sink, a fake fetch. */
  scryptCost?: ScryptCost;
  throttle?: ThrottleLimits;
  logSink?: (line: string) => void;
  fetch?: typeof fetch;
  /** Tests that drive jobs themselves leave the workers and schedules off. */
  workers?: boolean;
}

export interface RunningService {
  http: Hono;
  app: ServiceApp;
  db: SqlDb;
  jobs: JobEngine;
  metrics: ServiceMetrics;
  accounts: Accounts;
  jira: JiraConnection;
  /** Printed at start while no admin exists; asked by the setup form. */
  setupCode: string;
  stop(): Promise<void>;
}

const SCHEDULES = [
  { name: 'reconcile', cron: '7 * * * *', run: reconcileTick },
  { name: 'event-watch', cron: '*/5 * * * *', run: watchTick },
  { name: 'offline-events', cron: '*/1 * * * *', run: offlineTick },
] as const;

/** Jira drops a dynamic webhook 30 days after its last refresh; daily keeps it with weeks to spare. */
const JIRA_WEBHOOKS_CRON = '23 4 * * *';

/** OAuth mode and Data Center: the service's own webhook registered (at start too, else the first events wait a day) and kept alive. */
async function keepJiraWebhooks(
  jobs: JobEngine,
  app: ServiceApp,
  jira: JiraConnection,
  parts: { config: ServiceConfig; metrics: ServiceMetrics },
): Promise<void> {
  const transport = countedJiraTransport(jira.transport, parts.metrics);
  const api =
    jira.mode === 'oauth'
      ? createDynamicWebhookApi(transport, app.clock)
      : jira.dataCenter
        ? createDcWebhookApi(transport, app.clock, { secret: jira.dataCenter.webhookSecret })
        : undefined;
  if (api === undefined) return;
  const run = async (): Promise<void> => {
    const deps = app.deps({ handler: 'jira-webhooks' });
    const outcome = await keepJiraWebhooksAlive({
      api,
      kv: deps.kv,
      log: deps.log,
      callbackUrl: new URL('/events/jira', parts.config.publicUrl).toString(),
      pairedProjectKeys: () => storesOf(deps).configs.list(),
    }).catch((error: unknown) => {
      deps.log.error('could not keep the Jira webhook alive: the next run tries again', { error });
      return 'failed';
    });
    deps.log.info('the Jira webhook upkeep ran', { outcome });
  };
  await jobs.schedule('jira-webhooks', JIRA_WEBHOOKS_CRON, run);
  void run();
}

export async function startWork(jobs: JobEngine, app: ServiceApp, metrics: ServiceMetrics): Promise<void> {
  for (const queue of ['sync', 'migration'] as const satisfies readonly QueueName[]) {
    await jobs.work(queue, async (delivery) => {
      const deps = app.deps({ handler: queue, job: delivery.id });
      try {
        const verdict = await runJob(queue, delivery, deps);
        metrics.job(queue, verdict.kind);
        return verdict;
      } catch (error) {
        // Runners journal their own failures; a throw here is the store or the queue failing under them.
        deps.log.error(`a ${queue} job failed outside its runner: it will run again`, { error });
        metrics.job(queue, 'retry');
        return { kind: 'retry', afterSeconds: backoffSeconds(delivery.attempt) };
      }
    });
  }
  for (const schedule of SCHEDULES) {
    await jobs.schedule(schedule.name, schedule.cron, async () => {
      const deps = app.deps({ handler: schedule.name });
      await schedule
        .run(deps)
        .catch((error: unknown) =>
          deps.log.error(`the ${schedule.name} tick failed: the next one looks again`, { error }),
        );
    });
  }
}

const fetchOf = (options: StartOptions): { fetch?: typeof fetch } => (options.fetch ? { fetch: options.fetch } : {});

export async function startService(options: StartOptions): Promise<RunningService> {
  const { config } = options;
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const metrics = createServiceMetrics();
  const log = serviceLogger({ level: config.logLevel, ...(options.logSink ? { sink: options.logSink } : {}) });
  let engines;
  try {
    engines = await options.engines(db, { config, log });
  } catch (error) {
    await db.close();
    throw error;
  }
  const jiraParts: JiraParts = { secrets: engines.storage.secrets, clock: wallClock, ...fetchOf(options) };
  const jira = (options.jira ?? ((parts) => buildJiraConnection(config.jira, parts)))(jiraParts);
  const serviceAccount = new ServiceAccount(jira, engines.storage.kv, wallClock, log);
  const app = composeService({
    config,
    ...engines,
    jiraTransport: jira.transport,
    ...(jira.dataCenter ? { jiraDataCenter: { baseUrl: jira.dataCenter.baseUrl } } : {}),
    ownAccounts: serviceAccount.own,
    metrics,
    log,
    ...fetchOf(options),
  });
  if (jira.mode === 'none')
    log.warn('Jira is not configured: set JIRA_AUTH and its variables (README, Self-hosted) to sync with Jira');
  else await serviceAccount.learn();
  metrics.observe({ jobs: engines.jobs, lastSync: () => lastSyncedByProject(app.deps()), now: () => app.clock.now() });
  const accounts = new Accounts(engines.storage.kv, () => app.clock.now(), options.scryptCost);
  const setupCode = await sharedSetupCode(engines.storage.kv);
  const http = createHttpApp({
    options: {
      publicUrl: config.publicUrl,
      secureCookies: cookiesSecure(config),
      bodyLimitBytes: config.bodyLimitBytes,
      resolverTimeoutMs: config.resolverTimeoutMs,
      sessionHours: config.sessionHours,
    },
    app,
    accounts,
    throttle: new LoginThrottle(engines.storage.kv, () => app.clock.now(), options.throttle),
    jobs: engines.jobs,
    metrics,
    setupCode,
    ready: [
      { name: 'database', check: async () => void (await db.query('select 1')) },
      { name: 'queue', check: async () => void (await engines.jobs.stats()) },
    ],
    rights: adminRights,
    jira: { mode: jira.mode, webhookAuth: jira.webhookAuth, serviceAccountId: () => serviceAccount.accountId() },
  });
  if (options.workers !== false) {
    await startWork(engines.jobs, app, metrics);
    await keepJiraWebhooks(engines.jobs, app, jira, { config, metrics });
  }
  return {
    http,
    app,
    db,
    jobs: engines.jobs,
    metrics,
    accounts,
    jira,
    setupCode,
    async stop() {
      await engines.jobs.stop({ timeoutMs: config.shutdownTimeoutMs });
      await db.close();
    },
  };
}
