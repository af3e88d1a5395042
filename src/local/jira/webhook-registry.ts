/**
 * The site's webhooks. Admin webhooks (Jira settings → System → WebHooks, registered here through the sandbox) may
 * carry a secret and then sign each delivery with `X-Hub-Signature`; dynamic webhooks belong to the OAuth app that
 * registered them through `/rest/api/3/webhook`, expire 30 days after registration or their last refresh, and are
 * delivered with a JWT signed with the app's client secret.
 */
export const DYNAMIC_WEBHOOK_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/** What `/rest/api/3/webhook` accepts from OAuth 2.0 apps (Atlassian lists no attachment events for them). */
export const DYNAMIC_EVENTS = new Set([
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
  'issue_property_set',
  'issue_property_deleted',
]);

export interface AdminWebhook {
  kind: 'admin';
  id: number;
  name: string;
  url: string;
  events: string[];
  jqlFilter?: string;
  secret?: string;
}

export interface DynamicWebhook {
  kind: 'dynamic';
  id: number;
  url: string;
  events: string[];
  jqlFilter: string;
  /** The app's client secret, standing for the app that owns the webhook. */
  owner: string;
  registeredBy: string;
  expiresAt: number;
}

export type RegisteredWebhook = AdminWebhook | DynamicWebhook;

export class JiraWebhookRegistry {
  private readonly hooks = new Map<number, RegisteredWebhook>();
  private nextId = 10000;

  addAdmin(hook: Omit<AdminWebhook, 'kind' | 'id'>): AdminWebhook {
    const stored: AdminWebhook = { kind: 'admin', id: this.nextId++, ...hook };
    this.hooks.set(stored.id, stored);
    return stored;
  }

  addDynamic(hook: Omit<DynamicWebhook, 'kind' | 'id'>): DynamicWebhook {
    const stored: DynamicWebhook = { kind: 'dynamic', id: this.nextId++, ...hook };
    this.hooks.set(stored.id, stored);
    return stored;
  }

  /** The owner's live dynamic webhooks; expired ones are gone, as on Jira. */
  dynamicOf(owner: string, now: number): DynamicWebhook[] {
    return [...this.hooks.values()].filter(
      (h): h is DynamicWebhook => h.kind === 'dynamic' && h.owner === owner && h.expiresAt > now,
    );
  }

  remove(id: number): void {
    this.hooks.delete(id);
  }

  /** Every webhook that listens for `event` now. */
  listening(event: string, now: number): RegisteredWebhook[] {
    return [...this.hooks.values()].filter(
      (h) => h.events.includes(event) && (h.kind === 'admin' || h.expiresAt > now),
    );
  }
}
