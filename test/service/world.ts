/**
 * A service without a port or a database: the real routes, composition, sign-in and metrics over the in-memory
 * engines, driven with Hono's `app.request()`. Jira answers through a fake transport the test chooses.
 */
import type { JiraTransport } from '../../src/adapters/jira/client';
import { ConnectionStore } from '../../src/app/store/connection';
import { adminRights } from '../../src/service/admin-rights';
import { Accounts } from '../../src/service/auth/accounts';
import { LoginThrottle, type ThrottleLimits } from '../../src/service/auth/throttle';
import { composeService, serviceLogger, type ServiceApp } from '../../src/service/compose';
import { createHttpApp } from '../../src/service/http/app';
import type { HttpJira, ReadyCheck } from '../../src/service/http/context';
import { createMemoryJobEngine, createMemoryStorage } from '../../src/service/memory-engines';
import { createServiceMetrics, type ServiceMetrics } from '../../src/service/metrics';
import type { JobEngine, StorageEngines } from '../../src/service/engines';

export const ORIGIN = 'https://sync.example.com';
export const SETUP_CODE = 'setup-code-for-tests';
/** Cheap enough for tests; the service's own cost is DEFAULT_COST. */
export const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };
export const PORTAL = {
  domain: 'acme.bitrix24.com',
  memberId: 'c7848c26da9f20fa0d54043bf464b60c',
  token: 'yp5j69lbdodv8vx138ok4kjay8kp19aj',
};

export interface World {
  request(path: string, init?: RequestInit & { address?: string }): Promise<Response>;
  storage: StorageEngines;
  jobs: JobEngine;
  app: ServiceApp;
  metrics: ServiceMetrics;
  lines: string[];
  /** Connects the portal as the Connection tab would leave it. */
  connectPortal(): Promise<void>;
  /** Creates the admin and signs in: the session cookie and the page's CSRF token. */
  signIn(): Promise<{ cookie: string; csrf: string }>;
}

const noJira: JiraTransport = () =>
  Promise.resolve(Response.json({ errorMessages: ['no Jira in this test'] }, { status: 401 }));

export function createWorld(
  options: {
    jira?: JiraTransport;
    fetch?: typeof fetch;
    throttle?: ThrottleLimits;
    ready?: ReadyCheck[];
    resolverTimeoutMs?: number;
    /** The Jira connection as the HTTP routes see it; default: none configured. */
    jiraRoutes?: HttpJira;
    ownJiraAccountId?: string;
  } = {},
): World {
  const storage = createMemoryStorage();
  const jobs = createMemoryJobEngine();
  const metrics = createServiceMetrics({ defaultMetrics: false });
  const lines: string[] = [];
  const log = serviceLogger({ level: 'debug', sink: (line) => lines.push(line) });
  const app = composeService({
    config: { remoteTimeoutMs: 5000, jobTimeoutSeconds: 900 },
    storage,
    jobs,
    jiraTransport: options.jira ?? noJira,
    metrics,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.ownJiraAccountId ? { ownAccounts: { jiraAccountId: options.ownJiraAccountId } } : {}),
  });
  metrics.observe({ jobs, lastSync: () => Promise.resolve(new Map()), now: () => Date.now() });
  const accounts = new Accounts(storage.kv, () => Date.now(), TEST_COST);
  const http = createHttpApp({
    options: {
      publicUrl: new URL(ORIGIN),
      secureCookies: true,
      bodyLimitBytes: 512_000,
      resolverTimeoutMs: options.resolverTimeoutMs ?? 25_000,
      sessionHours: 12,
    },
    app,
    accounts,
    throttle: new LoginThrottle(storage.kv, () => Date.now(), options.throttle),
    jobs,
    metrics,
    setupCode: SETUP_CODE,
    ready: options.ready ?? [{ name: 'queue', check: async () => void (await jobs.stats()) }],
    rights: adminRights,
    jira: options.jiraRoutes ?? { mode: 'none', webhookAuth: null, serviceAccountId: () => Promise.resolve(null) },
  });
  const request = (path: string, init: RequestInit & { address?: string } = {}): Promise<Response> => {
    const { address, ...rest } = init;
    return Promise.resolve(
      http.request(path, rest, { incoming: { socket: { remoteAddress: address ?? '203.0.113.7' } } }),
    );
  };
  const world: World = {
    request,
    storage,
    jobs,
    app,
    metrics,
    lines,
    async connectPortal() {
      const connection = new ConnectionStore(storage.kv, storage.secrets);
      await connection.save({
        domain: PORTAL.domain,
        memberId: PORTAL.memberId,
        authMode: 'oauth',
        connectedAt: Date.now(),
      });
      await connection.setApplicationToken(PORTAL.token);
    },
    async signIn() {
      await request(
        '/setup',
        form({
          code: SETUP_CODE,
          username: 'admin',
          password: 'correct horse battery',
          password2: 'correct horse battery',
        }),
      );
      const response = await request('/login', form({ username: 'admin', password: 'correct horse battery' }));
      const cookie = sessionCookie(response);
      const page = await (await request('/admin?project=DEMO', { headers: { cookie } })).text();
      const csrf = /"csrf":"([^"]+)"/.exec(page)?.[1];
      if (!csrf) throw new Error('the admin page carries no CSRF token');
      return { cookie, csrf };
    },
  };
  return world;
}

/** A same-origin form post, as the browser sends it. */
export function form(fields: Record<string, string>, origin = ORIGIN): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields).toString(),
  };
}

export function sessionCookie(response: Response): string {
  const set = response.headers.get('set-cookie') ?? '';
  const pair = /b24sync_session=[^;]*/.exec(set)?.[0];
  if (!pair) throw new Error(`no session cookie in "${set}"`);
  return pair;
}
