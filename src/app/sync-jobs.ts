/**
 * The units of work on the `sync` queue. A job names only ids: the consumer reads current state from the source,
 * so a duplicated, late or reordered job does no harm.
 */
import { z } from 'zod';
import type { JobBody } from '../ports/queue';

const id = z.string().min(1).max(64);

export const syncJobSchema = z.discriminatedUnion('kind', [
  /** `added`: from ONTASKADD — for a task already linked that can only be our own create or a duplicate. */
  z.object({ kind: z.literal('task-changed'), taskId: id, added: z.boolean().optional() }),
  z.object({ kind: z.literal('task-deleted'), taskId: id }),
  z.object({ kind: z.literal('issue-changed'), issueId: id, projectKey: id }),
  z.object({ kind: z.literal('issue-deleted'), issueId: id, projectKey: id }),
  z.object({
    kind: z.literal('b24-comment'),
    taskId: id,
    commentId: id.optional(),
    messageId: id.optional(),
    action: z.enum(['added', 'updated', 'deleted']),
  }),
  z.object({
    kind: z.literal('jira-comment'),
    issueId: id,
    projectKey: id,
    commentId: id,
    action: z.enum(['upserted', 'deleted']),
  }),
  /**
   * Jira attachment events carry no project, so `projectKey` is filled in from the link by the consumer. A Jira
   * attachment never changes after upload, so the name, size and type copied from the event stay true; they are
   * hints, and the size lets the cap be checked before the content is downloaded.
   */
  z.object({
    kind: z.literal('jira-attachment'),
    issueId: id,
    projectKey: id.optional(),
    attachmentId: id,
    action: z.enum(['created', 'deleted']),
    filename: z.string().min(1).max(255).optional(),
    size: z.number().int().nonnegative().optional(),
    mimeType: z.string().min(1).max(255).optional(),
  }),
  /** Both sides of one pair (or one unpaired entity) re-read and merged: Sync now, reconciliation, migration, Retry. */
  z.object({
    kind: z.literal('pair-sync'),
    taskId: id.optional(),
    issueId: id.optional(),
    origin: z.enum(['sync-now', 'reconcile', 'migration', 'retry']),
  }),
]);

export type SyncJob = z.infer<typeof syncJobSchema>;

export const toJobBody = (job: SyncJob): JobBody => JSON.parse(JSON.stringify(job)) as JobBody;

/** Who a job is about, for the journal. */
export function jobSubject(job: SyncJob): { taskId?: string; issueId?: string } {
  switch (job.kind) {
    case 'task-changed':
    case 'task-deleted':
    case 'b24-comment':
      return { taskId: job.taskId };
    case 'issue-changed':
    case 'issue-deleted':
    case 'jira-comment':
    case 'jira-attachment':
      return { issueId: job.issueId };
    case 'pair-sync':
      return { ...(job.taskId ? { taskId: job.taskId } : {}), ...(job.issueId ? { issueId: job.issueId } : {}) };
  }
}
