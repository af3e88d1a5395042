/**
 * Existing attachments of the pairs a migration page makes, by the attachment rules the single path follows
 * (src/app/attachments): a Jira file goes to the task's Bitrix24 Drive folder and is attached; a Bitrix24 file is
 * attached to the issue; a file over the configured cap is journalled, not copied. Files cannot be batched (each is
 * a download and an upload), so each costs its calls; the file links make a retried page skip what it copied.
 */
import type { SyncConfig } from '../../core/config';
import type { B24Task } from '../../core/remote/b24';
import type { JiraAttachmentMeta } from '../../ports/jira';
import { copyNewB24Attachments } from '../attachments/from-b24';
import { syncJiraAttachment } from '../attachments/from-jira';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';

export async function copyIssueAttachments(
  ctx: SyncContext,
  config: SyncConfig,
  pairs: { link: PairLink; attachments: JiraAttachmentMeta[] }[],
): Promise<number> {
  let copied = 0;
  for (const { link, attachments } of pairs) {
    for (const a of attachments) {
      await syncJiraAttachment(ctx, link, config, {
        kind: 'jira-attachment',
        issueId: link.issueId,
        projectKey: link.projectKey,
        attachmentId: a.id,
        action: 'created',
        filename: a.filename,
        size: a.size,
        ...(a.mimeType === undefined ? {} : { mimeType: a.mimeType }),
      });
      copied += 1;
    }
  }
  return copied;
}

export async function copyTaskAttachments(
  ctx: SyncContext,
  config: SyncConfig,
  pairs: { link: PairLink; task: B24Task }[],
): Promise<number> {
  let files = 0;
  for (const { link, task } of pairs) {
    if (!task.attachmentIds?.length) continue;
    await copyNewB24Attachments(ctx, link, config, task);
    files += task.attachmentIds.length;
  }
  return files;
}
