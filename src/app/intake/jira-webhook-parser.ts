/**
 * Jira Cloud webhook deliveries (admin webhooks and the dynamic ones OAuth apps register) → the same validated
 * event union the Forge product-trigger parser produces, so one mapping turns both into jobs. Webhook bodies are
 * shaped as developer.atlassian.com/cloud/jira/platform/webhooks/ documents them: `webhookEvent`, `timestamp`,
 * the acting `user` (issue events), `issue` with `fields.project`, `changelog{items}`, `comment`, `attachment`.
 * Only ids, the project, the changelog and the actor are kept: the consumer re-reads everything else.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraChangelogItem, JiraTriggerEvent } from './jira-event-parser';

export interface JiraWebhookDelivery {
  webhookEvent: string;
  /** Who caused it, when the payload says (issue events name `user`; a comment's last editor; a file's author). */
  actorAccountId?: string;
  /** Usually one; an issue update that added or removed files also yields one attachment event per file. */
  events: JiraTriggerEvent[];
}

const idString = z.union([z.string().min(1), z.number().int()]).transform(String);
/**
 * The actor's stable identity: Cloud's `accountId`, or Data Center's user `key` (its `name` is a login that can be
 * renamed, so it never identifies anyone).
 */
const account = z
  .object({ accountId: z.string().min(1).optional(), key: z.string().min(1).optional() })
  .passthrough()
  .transform((a) => ({ accountId: a.accountId ?? a.key }));
const nullableText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

const issueSchema = z.object({
  id: idString,
  key: z.string().min(1),
  fields: z.object({ project: z.object({ id: idString, key: z.string().min(1) }) }),
});
const changelogSchema = z.object({
  items: z.array(
    z.object({
      field: z.string(),
      fieldId: z.string().optional(),
      from: nullableText,
      fromString: nullableText,
      to: nullableText,
      toString: nullableText,
    }),
  ),
});
const issueEventSchema = z.object({
  issue: issueSchema,
  user: account.optional(),
  changelog: changelogSchema.optional(),
});
const commentEventSchema = z.object({
  issue: issueSchema,
  comment: z.object({ id: idString, author: account.optional(), updateAuthor: account.optional() }),
});
const attachmentEventSchema = z.object({ attachment: z.object({ id: idString, author: account.optional() }) });

const parse = <T>(schema: z.ZodType<T>, body: unknown, eventType: string): T => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new PermanentError('validation', `Malformed Jira webhook ${eventType}: ${z.prettifyError(parsed.error)}`, {
    code: 'jira-webhook:malformed',
    cause: parsed.error,
  });
};

const refOf = (issue: z.infer<typeof issueSchema>, actor: string | undefined) => ({
  issueId: issue.id,
  issueKey: issue.key,
  projectId: issue.fields.project.id,
  projectKey: issue.fields.project.key,
  selfGenerated: false,
  ...(actor === undefined ? {} : { atlassianId: actor }),
});

/** Jira records attachments in the issue's history; that item is the only place a webhook names the file's issue. */
function attachmentChanges(issueId: string, items: JiraChangelogItem[], actor: string | undefined): JiraTriggerEvent[] {
  const actorField = actor === undefined ? {} : { atlassianId: actor };
  return items
    .filter((i) => i.fieldId === 'attachment' || i.field.toLowerCase() === 'attachment')
    .flatMap((i): JiraTriggerEvent[] => {
      if (i.to !== null)
        return [{ kind: 'attachment-created', attachmentId: i.to, issueId, selfGenerated: false, ...actorField }];
      if (i.from !== null)
        return [{ kind: 'attachment-deleted', attachmentId: i.from, issueId, selfGenerated: false, ...actorField }];
      return [];
    });
}

function issueDelivery(webhookEvent: string, body: unknown): JiraWebhookDelivery {
  const e = parse(issueEventSchema, body, webhookEvent);
  const actor = e.user?.accountId;
  const base = { webhookEvent, ...(actor === undefined ? {} : { actorAccountId: actor }) };
  const ref = refOf(e.issue, actor);
  if (webhookEvent === 'jira:issue_created') return { ...base, events: [{ kind: 'issue-created', ...ref }] };
  if (webhookEvent === 'jira:issue_deleted') return { ...base, events: [{ kind: 'issue-deleted', ...ref }] };
  const items = e.changelog?.items ?? [];
  return {
    ...base,
    events: [{ kind: 'issue-updated', ...ref, changelog: items }, ...attachmentChanges(e.issue.id, items, actor)],
  };
}

function commentDelivery(webhookEvent: string, body: unknown): JiraWebhookDelivery {
  const e = parse(commentEventSchema, body, webhookEvent);
  // Nothing in a comment_deleted body says who deleted it (the author may be us, the deleter a person).
  const actor =
    webhookEvent === 'comment_deleted' ? undefined : (e.comment.updateAuthor ?? e.comment.author)?.accountId;
  const ref = refOf(e.issue, actor);
  const event: JiraTriggerEvent =
    webhookEvent === 'comment_deleted'
      ? { kind: 'comment-deleted', ...ref, commentId: e.comment.id }
      : { kind: 'comment-upserted', ...ref, commentId: e.comment.id };
  return { webhookEvent, events: [event], ...(actor === undefined ? {} : { actorAccountId: actor }) };
}

function attachmentDelivery(webhookEvent: string, body: unknown): JiraWebhookDelivery {
  const e = parse(attachmentEventSchema, body, webhookEvent);
  const created = webhookEvent === 'attachment_created';
  const actor = created ? e.attachment.author?.accountId : undefined;
  // The body names no issue: the job comes from the issue's jira:issue_updated (see attachmentChanges).
  const event: JiraTriggerEvent = {
    kind: created ? 'attachment-created' : 'attachment-deleted',
    attachmentId: e.attachment.id,
    selfGenerated: false,
  };
  return { webhookEvent, events: [event], ...(actor === undefined ? {} : { actorAccountId: actor }) };
}

export function parseJiraWebhook(body: unknown): JiraWebhookDelivery {
  const { webhookEvent } = parse(z.object({ webhookEvent: z.string().min(1) }), body, 'delivery');
  switch (webhookEvent) {
    case 'jira:issue_created':
    case 'jira:issue_updated':
    case 'jira:issue_deleted':
      return issueDelivery(webhookEvent, body);
    case 'comment_created':
    case 'comment_updated':
    case 'comment_deleted':
      return commentDelivery(webhookEvent, body);
    case 'attachment_created':
    case 'attachment_deleted':
      return attachmentDelivery(webhookEvent, body);
    default:
      return { webhookEvent, events: [{ kind: 'unknown', eventType: webhookEvent }] };
  }
}
