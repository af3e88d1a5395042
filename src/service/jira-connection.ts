/**
 * The service's Jira Cloud connection, built from its settings (./jira-config.ts) once the secret store exists
 * (OAuth keeps its rotating tokens there): the transport the Jira client calls through, how `POST /events/jira`
 * proves a delivery's origin, and who the service is in Jira, so its own edits coming back as webhooks are known.
 */
import type { JiraTransport } from '../adapters/jira/client';
import { createJiraOAuthTransport } from '../adapters/jira-cloud/oauth-transport';
import { learnServiceAccount, readServiceAccount } from '../adapters/jira-cloud/service-account';
import { createJiraTokenTransport } from '../adapters/jira-cloud/token-transport';
import { createJiraDcTransport } from '../adapters/jira-dc/transport';
import type { FetchLike } from '../adapters/jira-cloud/fetch';
import type { JiraWebhookAuth } from '../app/intake/jira-webhook-signature';
import type { OwnAccounts } from '../app/sync/echo';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/log';
import type { KeyValueStore, SecretStore } from '../ports/store';
import { unconfiguredJira } from './compose';
import type { JiraSettings } from './jira-config';

export interface JiraConnection {
  mode: JiraSettings['auth'];
  transport: JiraTransport;
  /** null: no delivery can prove its origin (no Jira, or a token without JIRA_WEBHOOK_SECRET). */
  webhookAuth: JiraWebhookAuth | null;
  /** Jira Data Center: its base URL (attachment links are checked against it) and the webhook's secret. */
  dataCenter?: { baseUrl: string; webhookSecret: string };
}

export interface JiraParts {
  secrets: SecretStore;
  clock: Clock;
  fetch?: FetchLike;
}

export function buildJiraConnection(settings: JiraSettings, parts: JiraParts): JiraConnection {
  const fetchOption = parts.fetch ? { fetch: parts.fetch } : {};
  if (settings.auth === 'token')
    return {
      mode: 'token',
      transport: createJiraTokenTransport({
        siteUrl: settings.siteUrl,
        email: settings.email,
        apiToken: settings.apiToken,
        timeoutMs: settings.timeoutMs,
        allowLoopback: settings.allowLoopback,
        ...fetchOption,
      }),
      webhookAuth: settings.webhookSecret ? { mode: 'secret', secret: settings.webhookSecret } : null,
    };
  if (settings.auth === 'oauth')
    return {
      mode: 'oauth',
      transport: createJiraOAuthTransport({
        cloudId: settings.cloudId,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        secrets: parts.secrets,
        clock: parts.clock,
        timeoutMs: settings.timeoutMs,
        ...fetchOption,
      }),
      webhookAuth: { mode: 'oauth', clientSecret: settings.clientSecret },
    };
  if (settings.auth === 'pat')
    return {
      mode: 'pat',
      transport: createJiraDcTransport({
        baseUrl: settings.baseUrl,
        pat: settings.pat,
        timeoutMs: settings.timeoutMs,
        ...fetchOption,
      }),
      webhookAuth: { mode: 'secret', secret: settings.webhookSecret },
      dataCenter: { baseUrl: settings.baseUrl, webhookSecret: settings.webhookSecret },
    };
  return { mode: 'none', transport: unconfiguredJira, webhookAuth: null };
}

/** Asking /myself again at most this often while it fails (a token not working yet, Jira down). */
const RELEARN_MS = 60_000;

/**
 * The service account's id, learned from /myself at start and again whenever it is not known yet. `own` is the
 * one object every AppDeps shares, so an id learned after the start reaches jobs already composed.
 */
export class ServiceAccount {
  readonly own: OwnAccounts = {};
  private lastTry = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly connection: JiraConnection,
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Learns the id now; on failure keeps the one stored by an earlier start, and logs why. */
  async learn(): Promise<string | null> {
    if (this.connection.mode === 'none') return null;
    this.lastTry = this.clock.now();
    try {
      const flavour = this.connection.mode === 'pat' ? 'datacenter' : 'cloud';
      const account = await learnServiceAccount(this.connection.transport, this.kv, this.clock, flavour);
      this.own.jiraAccountId = account.accountId;
      this.log.info('the Jira service account is known', { accountId: account.accountId });
    } catch (error) {
      const stored = await readServiceAccount(this.kv);
      if (stored) this.own.jiraAccountId = stored.accountId;
      this.log.warn('could not ask Jira who the service account is: Jira events wait until it answers', {
        error: error instanceof Error ? error.message : String(error),
        ...(stored ? { kept: stored.accountId } : {}),
      });
    }
    return this.own.jiraAccountId ?? null;
  }

  async accountId(): Promise<string | null> {
    if (this.own.jiraAccountId !== undefined) return this.own.jiraAccountId;
    if (this.clock.now() - this.lastTry < RELEARN_MS) return null;
    return this.learn();
  }
}
