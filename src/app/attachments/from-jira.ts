/**
 * A Jira attachment copied onto the paired Bitrix24 task: uploaded to Drive, then attached. A file over the
 * configured cap is never copied and never silently dropped: the journal says which file, how big, and the cap.
 */
import type { SyncConfig } from '../../core/config';
import { isPermanent, RetryableError } from '../../core/errors';
import type { SyncJob } from '../sync-jobs';
import type { JournalOutcome } from '../store/journal';
import { note, type JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import { keys } from '../store/keys';
import type { SyncContext } from '../sync-context';
import { uploadFolderId } from './drive-folder';
import { readTaskInScope } from '../comments/scope';

export type JiraAttachmentJob = Extract<SyncJob, { kind: 'jira-attachment' }>;

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

function oversizedMessage(filename: string, size: number, cap: number): JournalNote {
  return note(
    'attachment.tooLargeForB24',
    { file: filename, size: String(size), sizeMb: megabytes(size), cap: String(cap), capMb: megabytes(cap) },
    `Attachment "${filename}" (${size} bytes, ${megabytes(size)} MB) was not copied to Bitrix24: it is larger than the ${cap}-byte (${megabytes(cap)} MB) attachment limit.`,
  );
}

async function record(
  ctx: SyncContext,
  link: PairLink,
  operation: string,
  outcome: JournalOutcome,
  sentence?: JournalNote,
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction: 'jira-to-b24',
    operation,
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: ['attachment'],
    outcome,
    ...(sentence ? { notes: [sentence] } : {}),
    calls: ctx.calls(),
  });
}

async function download(ctx: SyncContext, attachmentId: string): Promise<Uint8Array | null> {
  try {
    return await ctx.jira.getAttachmentContent(attachmentId);
  } catch (error) {
    if (isPermanent(error, 'not-found')) return null;
    throw error;
  }
}

/** Into the acting person's (or the app's) own Drive; a folder that vanished is looked up afresh on the retry. */
async function upload(ctx: SyncContext, filename: string, content: Uint8Array): Promise<{ id: string }> {
  const { folderId, forget } = await uploadFolderId(ctx);
  try {
    return await ctx.b24.uploadFile(folderId, filename, content);
  } catch (error) {
    if (isPermanent(error, 'not-found')) {
      await forget();
      throw new RetryableError(
        'server-error',
        `Bitrix24 Drive folder ${folderId} is gone; the upload folder is looked up again`,
        { code: 'app:drive-folder-gone', cause: error },
      );
    }
    throw error;
  }
}

async function copyToTask(ctx: SyncContext, link: PairLink, config: SyncConfig, job: JiraAttachmentJob): Promise<void> {
  const filename = job.filename ?? `jira-attachment-${job.attachmentId}`;
  const cap = config.attachmentMaxBytes;
  // The event's size spares the download of a file that cannot be copied anyway.
  if (job.size !== undefined && job.size > cap)
    return record(ctx, link, 'attachment', 'warning', oversizedMessage(filename, job.size, cap));
  // Nothing is downloaded for, or attached to, a task outside the paired workgroup (or gone): it is held back.
  if (!(await readTaskInScope(ctx, link, ctx.configs)).task) return;
  const content = await download(ctx, job.attachmentId);
  // Removed in Jira before this job ran: there is nothing left to copy, and nothing to lose by not copying it.
  if (!content)
    return record(
      ctx,
      link,
      'attachment',
      'skipped',
      note(
        'attachment.goneInJira',
        { file: filename },
        `Attachment "${filename}" was deleted in Jira before it could be copied.`,
      ),
    );
  if (content.byteLength > cap)
    return record(ctx, link, 'attachment', 'warning', oversizedMessage(filename, content.byteLength, cap));
  const uploaded = await upload(ctx, filename, content);
  // Attaching fires a task event whose job may run before our link is saved: the intent tells it this is our copy.
  await ctx.kv.set(keys.fileIntent(link.taskId, uploaded.id), job.attachmentId, { ttlSeconds: 3600 });
  const b24AttachmentId = await ctx.b24.attachFileToTask(link.taskId, uploaded.id);
  await ctx.stores.fileLinks.save({
    taskId: link.taskId,
    b24AttachmentId,
    issueId: job.issueId,
    jiraAttachmentId: job.attachmentId,
    filename,
  });
  await record(
    ctx,
    link,
    'attachment',
    'synced',
    note('attachment.toB24', { file: filename }, `Attachment "${filename}" copied to the Bitrix24 task.`),
  );
}

/**
 * Bitrix24's REST API offers no way to detach a file from a task that the app uses, so the copy stays; the link
 * is dropped and the journal says so, whatever the comment delete policy is.
 */
async function onDeleted(ctx: SyncContext, link: PairLink, job: JiraAttachmentJob): Promise<void> {
  const files = ctx.stores.fileLinks;
  const existing = await files.byJira(job.issueId, job.attachmentId);
  if (!existing) return;
  await files.remove(existing);
  await record(
    ctx,
    link,
    'attachment-delete',
    'warning',
    note(
      'attachment.deletedInJira',
      { file: existing.filename },
      `Attachment "${existing.filename}" was deleted in Jira; its copy on the Bitrix24 task is kept.`,
    ),
  );
}

export async function syncJiraAttachment(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  job: JiraAttachmentJob,
): Promise<void> {
  if (job.action === 'deleted') return onDeleted(ctx, link, job);
  const files = ctx.stores.fileLinks;
  if (await files.byJira(job.issueId, job.attachmentId)) return;
  // A duplicate delivered to a second worker while the first is still copying: the first one finishes the job.
  if (!(await files.claim('jira', job.issueId, job.attachmentId))) return;
  try {
    await copyToTask(ctx, link, config, job);
  } finally {
    await files.release('jira', job.issueId, job.attachmentId);
  }
}
