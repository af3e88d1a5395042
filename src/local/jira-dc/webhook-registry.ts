/**
 * Jira Data Center's webhooks as `/rest/webhooks/1.0/webhook` keeps them ("Webhooks", developer.atlassian.com/
 * server/jira/platform/webhooks/: `name`, `url`, `events`, `filters: {"issue-related-events-section": <JQL>}`,
 * `excludeBody`; the reply adds `self`, `enabled`, `lastUpdated`, `lastUpdatedUser`, `lastUpdatedDisplayName`), with
 * the optional `secret` of "Managing webhooks" (confluence.atlassian.com/adminjiraserver/managing-webhooks-938846912.html,
 * "Securing your webhook"): with one, each delivery carries `X-Hub-Signature: sha256=<HMAC-SHA256 of the body>`.
 */
export const JQL_FILTER = 'issue-related-events-section';

/**
 * The events of "Webhooks" → "Registering events for a webhook" this emulator produces (issue and comment events;
 * Data Center has no attachment webhook event: a file shows as an `Attachment` item of jira:issue_updated).
 */
export const DC_EVENTS = new Set([
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
]);

export interface DcWebhook {
  id: number;
  name: string;
  url: string;
  events: string[];
  jql: string;
  excludeBody: boolean;
  secret?: string;
  enabled: boolean;
  lastUpdated: number;
  lastUpdatedBy: string;
}

export class DcWebhookRegistry {
  private readonly hooks = new Map<number, DcWebhook>();
  private nextId = 1;

  add(hook: Omit<DcWebhook, 'id'>): DcWebhook {
    const stored = { ...hook, id: this.nextId++ };
    this.hooks.set(stored.id, stored);
    return stored;
  }

  replace(id: number, hook: Omit<DcWebhook, 'id'>): DcWebhook | undefined {
    if (!this.hooks.has(id)) return undefined;
    const stored = { ...hook, id };
    this.hooks.set(id, stored);
    return stored;
  }

  get(id: number): DcWebhook | undefined {
    return this.hooks.get(id);
  }

  all(): DcWebhook[] {
    return [...this.hooks.values()];
  }

  remove(id: number): boolean {
    return this.hooks.delete(id);
  }

  listening(event: string): DcWebhook[] {
    return this.all().filter((h) => h.enabled && h.events.includes(event));
  }
}
