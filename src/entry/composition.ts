/**
 * The composition root: the only place that knows the concrete adapters. Built once per invocation (Forge may
 * reuse a module across tenants, so nothing tenant-specific is cached at module level).
 */
import { asApp, assumeTrustedRoute } from '@forge/api';
import { randomUUID } from 'node:crypto';
import { createB24Auth } from '../adapters/b24/auth';
import { createB24Client } from '../adapters/b24/client';
import { forgeFetchTransport } from '../adapters/forge/fetch-transport';
import { createKeyValueStore, createSecretStore } from '../adapters/forge/kvs-store';
import { createConsoleLogger } from '../adapters/log/json-logger';
import { createForgeJobQueue } from '../adapters/forge/queue';
import { createJiraClient } from '../adapters/jira/client';
import type { AppDeps } from '../app/deps';
import { OAuthRefreshHealth } from '../app/health/oauth-refresh';
import { appClock } from './clock';
import type { HttpReply, HttpRequestInit } from '../ports/http';

const jiraTransport = async (path: string, init: HttpRequestInit): Promise<HttpReply> =>
  asApp().requestJira(assumeTrustedRoute(path), { method: init.method, headers: init.headers, body: init.body });

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];
/** Forge variables (`forge variables set LOG_LEVEL debug`) reach functions as environment variables. */
const logLevel = (): Level => LEVELS.find((l) => l === process.env.LOG_LEVEL) ?? 'info';

export function composeApp(fields: Record<string, unknown> = {}): AppDeps {
  const kv = createKeyValueStore();
  const secrets = createSecretStore();
  const log = createConsoleLogger({ minLevel: logLevel(), now: () => appClock.now() }, fields);
  const auth = createB24Auth({
    secrets,
    transport: forgeFetchTransport,
    clock: appClock,
    onRefreshOutcome: new OAuthRefreshHealth(kv, appClock).record,
  });
  return {
    kv,
    secrets,
    log,
    clock: appClock,
    newId: () => randomUUID(),
    jira: createJiraClient(jiraTransport, { clock: appClock }),
    b24: createB24Client(auth, forgeFetchTransport, appClock),
    syncQueue: createForgeJobQueue('sync'),
    migrationQueue: createForgeJobQueue('migration'),
  };
}
