/**
 * Files attached to a linked Bitrix24 task, copied onto the paired Jira issue. Bitrix24 sends no attachment event,
 * only ONTASKUPDATE, so every read of a linked task compares its attachment ids with the file links; an id
 * with a link is either already copied or our own copy of a Jira attachment, and costs no call.
 */
import type { SyncConfig } from '../../core/config';
import type { B24Task } from '../../core/remote/b24';
import type { B24AttachedObject } from '../../ports/b24';
import type { JournalOutcome } from '../store/journal';
import { note, type JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import { keys } from '../store/keys';
import type { SyncContext } from '../sync-context';
import { type FileLinkStore } from '../store/file-links';

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

function oversizedB24Message(filename: string, size: number, cap: number): JournalNote {
  return note(
    'attachment.tooLargeForJira',
    { file: filename, size: String(size), sizeMb: megabytes(size), cap: String(cap), capMb: megabytes(cap) },
    `Attachment "${filename}" (${size} bytes, ${megabytes(size)} MB) was not copied to Jira: it is larger than the ${cap}-byte (${megabytes(cap)} MB) attachment limit.`,
  );
}

/** `final`: a file that will never be copied (over the cap, or gone) is remembered, so it is neither asked for nor journalled again. */
type CopyResult = { outcome: JournalOutcome; note: JournalNote; final: boolean };

async function record(ctx: SyncContext, link: PairLink, result: CopyResult): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction: 'b24-to-jira',
    operation: 'attachment',
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: ['attachment'],
    outcome: result.outcome,
    notes: [result.note],
    calls: ctx.calls(),
  });
}

async function copyFile(
  ctx: SyncContext,
  link: PairLink,
  cap: number,
  attachmentId: string,
  file: B24AttachedObject,
): Promise<CopyResult> {
  const oversized = (size: number): CopyResult => ({
    outcome: 'warning',
    note: oversizedB24Message(file.name, size, cap),
    final: true,
  });
  // The size from the metadata spares downloading a file that cannot be copied anyway.
  if (file.size !== undefined && file.size > cap) return oversized(file.size);
  const content = await ctx.b24.downloadFile(file.downloadUrl);
  if (content.byteLength > cap) return oversized(content.byteLength);
  const [created] = await ctx.jira.addAttachment(link.issueId, {
    filename: file.name,
    mimeType: 'application/octet-stream',
    content,
  });
  if (!created) throw new Error(`Jira returned no attachment for "${file.name}"`);
  await ctx.stores.fileLinks.save({
    taskId: link.taskId,
    b24AttachmentId: attachmentId,
    issueId: link.issueId,
    jiraAttachmentId: created.id,
    filename: file.name,
  });
  return {
    outcome: 'synced',
    note: note('attachment.toJira', { file: file.name }, `Attachment "${file.name}" copied to the Jira issue.`),
    final: false,
  };
}

async function copyOne(ctx: SyncContext, link: PairLink, cap: number, attachmentId: string): Promise<void> {
  const file = await ctx.b24.getAttachedObject(attachmentId);
  // Our own copy from Jira, seen before its link was saved: the upload left an intent keyed by the Drive object.
  if (file && (await ctx.kv.get(keys.fileIntent(link.taskId, file.objectId))) !== undefined) return;
  const result: CopyResult = file
    ? await copyFile(ctx, link, cap, attachmentId, file)
    : {
        outcome: 'skipped',
        note: note(
          'attachment.goneInB24',
          { id: attachmentId },
          `Attachment ${attachmentId} was removed from the Bitrix24 task before it could be copied.`,
        ),
        final: true,
      };
  if (result.final) await ctx.kv.set(keys.skippedB24File(link.taskId, attachmentId), { outcome: result.outcome });
  await record(ctx, link, result);
}

async function isKnown(ctx: SyncContext, files: FileLinkStore, taskId: string, attachmentId: string): Promise<boolean> {
  if (await files.byB24(taskId, attachmentId)) return true;
  const skipped = await ctx.kv.get(keys.skippedB24File(taskId, attachmentId));
  return skipped !== undefined && skipped !== null;
}

/** Copies every attachment of `task` that has no link yet; a task without attachments costs nothing. */
export async function copyNewB24Attachments(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  task: B24Task,
): Promise<void> {
  const ids = task.attachmentIds ?? [];
  if (ids.length === 0) return;
  const files = ctx.stores.fileLinks;
  for (const attachmentId of ids) {
    if (await isKnown(ctx, files, link.taskId, attachmentId)) continue;
    // Two task-changed jobs for the same edit: only one copies each file.
    if (!(await files.claim('b24', link.taskId, attachmentId))) continue;
    try {
      await copyOne(ctx, link, config.attachmentMaxBytes, attachmentId);
    } finally {
      await files.release('b24', link.taskId, attachmentId);
    }
  }
}
