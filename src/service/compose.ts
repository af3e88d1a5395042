/**
 * The service's composition root, beside src/entry/composition.ts: the same AppDeps, built from the service's
 * engines, Node's fetch, a JSON logger on stdout, the wall clock and random UUIDs. The Jira transport is given
 * (an API token or OAuth one), so this file holds no Jira credentials and no way of reading them.
 */
import { randomUUID } from 'node:crypto';
import { createB24Auth } from '../adapters/b24/auth';
import { createB24Client } from '../adapters/b24/client';
import { createJiraClient, type JiraTransport } from '../adapters/jira/client';
import { createJiraDcClient } from '../adapters/jira-dc/client';
import { createConsoleLogger } from '../adapters/log/json-logger';
import type { AppDeps } from '../app/deps';
import type { OwnAccounts } from '../app/sync/echo';
import { OAuthRefreshHealth } from '../app/health/oauth-refresh';
import type { Clock } from '../ports/clock';
import type { HttpTransport } from '../ports/http';
import { SERVICE_PORTAL_POLICY } from '../ports/portal';
import type { Logger, LogLevel } from '../ports/log';
import type { ServiceConfig } from './config';
import type { JobEngine, StorageEngines } from './engines';
import type { ServiceMetrics } from './metrics';
import { countedJiraTransport, createB24Transport } from './transports';

export interface ServiceParts {
  config: Pick<ServiceConfig, 'remoteTimeoutMs' | 'jobTimeoutSeconds'>;
  storage: StorageEngines;
  jobs: JobEngine;
  jiraTransport: JiraTransport;
  /** Set when Jira is Data Center: the REST v2 client is used, and attachment links are checked against the URL. */
  jiraDataCenter?: { baseUrl: string };
  metrics: ServiceMetrics;
  log: Logger;
  /** Who the service is in Jira, shared by every AppDeps (filled in once /myself answers: ./jira-connection.ts). */
  ownAccounts?: OwnAccounts;
  /** Defaults: the wall clock, Node's fetch. */
  clock?: Clock;
  fetch?: typeof fetch;
}

export interface ServiceApp {
  /** The app's dependencies, with `fields` on every log line (the handler, the job). */
  deps(fields?: Record<string, unknown>): AppDeps;
  log: Logger;
  clock: Clock;
  /** Plain HTTP for the resolvers' calls outside the clients (the OAuth code exchange), counted as Bitrix24's. */
  b24Transport: HttpTransport;
}

export const wallClock: Clock = { now: () => Date.now() };

/** JSON lines on stdout (or `sink`), credentials masked (adapters/log/json-logger). */
export function serviceLogger(options: { level: LogLevel; sink?: (line: string) => void; clock?: Clock }): Logger {
  const clock = options.clock ?? wallClock;
  return createConsoleLogger(
    { minLevel: options.level, now: () => clock.now(), ...(options.sink ? { sink: options.sink } : {}) },
    { service: 'bitrix24-sync' },
  );
}

export function composeService(parts: ServiceParts): ServiceApp {
  const clock = parts.clock ?? wallClock;
  const { kv, secrets } = parts.storage;
  const log = parts.log;
  const b24Transport = createB24Transport({
    timeoutMs: parts.config.remoteTimeoutMs,
    metrics: parts.metrics,
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
  });
  const jiraTransport = countedJiraTransport(parts.jiraTransport, parts.metrics);
  const jira = parts.jiraDataCenter
    ? createJiraDcClient(jiraTransport, { clock, baseUrl: parts.jiraDataCenter.baseUrl })
    : createJiraClient(jiraTransport, { clock });
  const syncQueue = parts.jobs.queue('sync');
  const migrationQueue = parts.jobs.queue('migration');
  // Token refreshes are shared state (the secret store), so one auth serves every call of the process.
  const auth = createB24Auth({
    secrets,
    transport: b24Transport,
    clock,
    onRefreshOutcome: new OAuthRefreshHealth(kv, clock).record,
  });
  const b24 = createB24Client(auth, b24Transport, clock);
  return {
    // Any portal address the admin enters, and offline events, which the schedule drains (./service.ts).
    deps: (fields = {}) => ({
      kv,
      secrets,
      log: log.child(fields),
      clock,
      newId: () => randomUUID(),
      jira,
      b24,
      syncQueue,
      migrationQueue,
      portalPolicy: SERVICE_PORTAL_POLICY,
      // pg-boss hands a job still running after its expiry to another instance, so no attempt outlives it.
      attemptLimitMs: parts.config.jobTimeoutSeconds * 1000,
      ...(parts.ownAccounts ? { ownAccounts: parts.ownAccounts } : {}),
    }),
    log,
    clock,
    b24Transport,
  };
}

/**
 * Until a Jira transport is configured, every Jira call fails with a reply that says so (401 with a sentence),
 * which the client turns into its permanent "unauthorized" error: the admin page stays usable for the
 * Bitrix24 side and the journal names the cause.
 */
export const unconfiguredJira: JiraTransport = () =>
  Promise.resolve(
    Response.json(
      { errorMessages: ['The service has no Jira credentials yet: configure the Jira connection.'] },
      { status: 401 },
    ),
  );
