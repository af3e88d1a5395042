/**
 * The webhooks the service registers itself, as its upkeep job sees them: registered with a JQL filter; Cloud's
 * (OAuth 2.0 apps) expire after 30 days unless refreshed, Data Center's (`/rest/webhooks/1.0`) never expire. Only these events may be registered this way (attachments arrive as
 * `Attachment` items in jira:issue_updated's changelog).
 */
export const DYNAMIC_WEBHOOK_EVENTS = [
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
] as const;

export interface DynamicWebhook {
  id: number;
  events: string[];
  jqlFilter: string;
  expiresAt?: number;
}

export interface DynamicWebhookApi {
  /** One webhook per filter; each result is the new id or Jira's reasons for refusing that filter. */
  register(
    url: string,
    filters: { events: readonly string[]; jqlFilter: string }[],
  ): Promise<({ id: number } | { errors: string[] })[]>;
  list(): Promise<DynamicWebhook[]>;
  /** The new expiry, or undefined where webhooks do not expire; Jira ignores ids it does not know, so the caller checks `list()` first. */
  refresh(ids: number[]): Promise<number | undefined>;
  remove(ids: number[]): Promise<void>;
}
