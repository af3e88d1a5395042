/**
 * The service put together: the database, the engines on it, the app's dependencies, the workers of both queues,
 * the two schedules and the HTTP routes, and the way to stop them all in order. ./main.ts adds the port and
 * the signals; tests call `startService` directly.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqlDb } from '../adapters/sql/db';
import type { JiraTransport } from '../adapters/jira/client';
import { backoffSeconds } from '../app/retry-policy';
import { lastSyncedByProject, offlineTick, reconcileTick, runJob, watchTick } from './app-calls';
import { adminRights } from './admin-rights';
import { Accounts } from './auth/accounts';
import type { ScryptCost } from './auth/password';
import { LoginThrottle, type ThrottleLimits } from './auth/throttle';
import { composeService, serviceLogger, type ServiceApp } from './compose';
import { cookiesSecure, type ServiceConfig } from './config';
import type { JobEngine, QueueName } from './engines';
import { createHttpApp } from './http/app';
import type { Hono } from 'hono';
import { createServiceMetrics, type ServiceMetrics } from './metrics';
import type { ServiceEngines } from './wiring';

export interface StartOptions {
  config: ServiceConfig;
  engines: ServiceEngines;
  jiraTransport: JiraTransport;
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
  /** Printed at start while no admin exists; asked by the setup form. */
  setupCode: string;
  stop(): Promise<void>;
}

const SCHEDULES = [
  { name: 'reconcile', cron: '7 * * * *', run: reconcileTick },
  { name: 'event-watch', cron: '*/5 * * * *', run: watchTick },
  { name: 'offline-events', cron: '*/1 * * * *', run: offlineTick },
] as const;

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
  const app = composeService({
    config,
    ...engines,
    jiraTransport: options.jiraTransport,
    metrics,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  metrics.observe({ jobs: engines.jobs, lastSync: () => lastSyncedByProject(app.deps()), now: () => app.clock.now() });
  const accounts = new Accounts(engines.storage.kv, () => app.clock.now(), options.scryptCost);
  const setupCode = randomBytes(9).toString('base64url');
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
  });
  if (options.workers !== false) await startWork(engines.jobs, app, metrics);
  return {
    http,
    app,
    db,
    jobs: engines.jobs,
    metrics,
    accounts,
    setupCode,
    async stop() {
      await engines.jobs.stop({ timeoutMs: config.shutdownTimeoutMs });
      await db.close();
    },
  };
}
