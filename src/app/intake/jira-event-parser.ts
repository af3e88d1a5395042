/**
 * Forge Jira product events (the trigger's `event` argument) → a small validated union. Only ids, the project and
 * the changelog are kept: the consumer re-reads the issue, so nothing else in the payload is trusted.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';

export interface JiraChangelogItem {
  field: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

interface IssueRef {
  issueId: string;
  issueKey: string;
  projectId: string;
  projectKey: string;
  /** The account that caused the event (absent in some deliveries). */
  atlassianId?: string;
  selfGenerated: boolean;
}

export type JiraTriggerEvent =
  | (IssueRef & { kind: 'issue-created' })
  | (IssueRef & { kind: 'issue-updated'; changelog: JiraChangelogItem[] })
  | (IssueRef & { kind: 'issue-deleted' })
  /** avi:jira:commented:issue fires for new and edited comments alike. */
  | (IssueRef & { kind: 'comment-upserted'; commentId: string })
  | (IssueRef & { kind: 'comment-deleted'; commentId: string })
  | {
      kind: 'attachment-created' | 'attachment-deleted';
      attachmentId: string;
      issueId?: string;
      selfGenerated: boolean;
      atlassianId?: string;
    }
  | { kind: 'unknown'; eventType: string };

const idString = z.union([z.string().min(1), z.number().int()]).transform(String);

const issueSchema = z.object({
  id: idString,
  key: z.string(),
  fields: z.object({ project: z.object({ id: idString, key: z.string() }) }),
});

const baseSchema = z.object({
  eventType: z.string(),
  selfGenerated: z.boolean().default(false),
  atlassianId: z.string().optional(),
});

const changelogSchema = z.object({
  items: z.array(
    z.object({
      field: z.string(),
      fieldId: z.string().optional(),
      from: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
      fromString: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
      to: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
      toString: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
    }),
  ),
});

const issueEventSchema = baseSchema.extend({ issue: issueSchema, changelog: changelogSchema.optional() });
const commentEventSchema = issueEventSchema.extend({ comment: z.object({ id: idString }) });
const attachmentEventSchema = baseSchema.extend({
  attachment: z.object({ id: idString, issueId: idString.optional() }),
  issue: z.object({ id: idString }).optional(),
});

const parse = <T>(schema: z.ZodType<T>, event: unknown, eventType: string): T => {
  const parsed = schema.safeParse(event);
  if (parsed.success) return parsed.data;
  throw new PermanentError('validation', `Malformed Jira event ${eventType}: ${z.prettifyError(parsed.error)}`, {
    code: 'jira-event:malformed',
    cause: parsed.error,
  });
};

const issueRef = (e: z.infer<typeof issueEventSchema>): IssueRef => ({
  issueId: e.issue.id,
  issueKey: e.issue.key,
  projectId: e.issue.fields.project.id,
  projectKey: e.issue.fields.project.key,
  selfGenerated: e.selfGenerated,
  ...(e.atlassianId === undefined ? {} : { atlassianId: e.atlassianId }),
});

export const parseJiraTriggerEvent = (event: unknown): JiraTriggerEvent => {
  const { eventType } = parse(z.object({ eventType: z.string() }), event, 'event');
  switch (eventType) {
    case 'avi:jira:created:issue':
      return { kind: 'issue-created', ...issueRef(parse(issueEventSchema, event, eventType)) };
    case 'avi:jira:deleted:issue':
      return { kind: 'issue-deleted', ...issueRef(parse(issueEventSchema, event, eventType)) };
    case 'avi:jira:updated:issue': {
      const e = parse(issueEventSchema, event, eventType);
      return { kind: 'issue-updated', ...issueRef(e), changelog: e.changelog?.items ?? [] };
    }
    case 'avi:jira:commented:issue':
    case 'avi:jira:updated:comment': {
      const e = parse(commentEventSchema, event, eventType);
      return { kind: 'comment-upserted', ...issueRef(e), commentId: e.comment.id };
    }
    case 'avi:jira:deleted:comment': {
      const e = parse(commentEventSchema, event, eventType);
      return { kind: 'comment-deleted', ...issueRef(e), commentId: e.comment.id };
    }
    case 'avi:jira:created:attachment':
    case 'avi:jira:deleted:attachment': {
      const e = parse(attachmentEventSchema, event, eventType);
      const issueId = e.attachment.issueId ?? e.issue?.id;
      return {
        kind: eventType === 'avi:jira:created:attachment' ? 'attachment-created' : 'attachment-deleted',
        attachmentId: e.attachment.id,
        selfGenerated: e.selfGenerated,
        ...(issueId === undefined ? {} : { issueId }),
        ...(e.atlassianId === undefined ? {} : { atlassianId: e.atlassianId }),
      };
    }
    default:
      return { kind: 'unknown', eventType };
  }
};
