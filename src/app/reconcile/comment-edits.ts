/**
 * Jira emits no event for a comment edit, so reconciliation looks at the comments of each changed linked issue
 * and enqueues an upsert only for a mirrored comment whose text no longer matches the fingerprint last synced.
 * New comments are left to their own (redelivered) events: enqueueing them here too could race the event's job
 * and post the comment twice in Bitrix24.
 */
import { adfPlainText, bbcodeToAdf } from '../../core/convert';
import { commentFingerprint, isMirroredComment } from '../../core/sync/comments';
import type { B24Comment } from '../../core/remote/b24';
import type { JiraPort } from '../../ports/jira';
import type { SyncJob } from '../sync-jobs';
import type { CommentLinkStore } from '../store/comment-links';

export async function commentEditJobs(
  jira: JiraPort,
  commentLinks: CommentLinkStore,
  issue: { id: string; projectKey: string },
): Promise<SyncJob[]> {
  const jobs: SyncJob[] = [];
  // Every comment is compared, not only those `updated` since the cursor: that time is Jira's clock, not ours, and
  // the comparison costs a KVS read, not a REST call.
  for (const comment of await jira.getComments(issue.id)) {
    const plain = adfPlainText(comment.body);
    // Comments the app itself wrote (mirrors of Bitrix24 comments) flow the other way.
    if (isMirroredComment(plain, 'jira')) continue;
    const link = await commentLinks.byJira(issue.id, comment.id);
    if (!link || link.fingerprint === commentFingerprint(plain)) continue;
    jobs.push({
      kind: 'jira-comment',
      issueId: issue.id,
      projectKey: issue.projectKey,
      commentId: comment.id,
      action: 'upserted',
    });
  }
  return jobs;
}

/**
 * Bitrix24 never redelivers an event, so a comment whose event was lost is found here: a legacy comment of a
 * changed linked task with no comment link (or only part of one) that is not one of our mirrors; `comments` are the
 * task's, read by the caller (in a batch for many tasks). Its job claims the comment before
 * posting, so racing its own (late) event cannot post it twice.
 */
export async function missedB24CommentJobs(
  comments: B24Comment[],
  commentLinks: CommentLinkStore,
  taskId: string,
): Promise<SyncJob[]> {
  const jobs: SyncJob[] = [];
  for (const comment of comments) {
    if (isMirroredComment(adfPlainText(bbcodeToAdf(comment.message)), 'b24')) continue;
    // A long comment posted only in part (its job failed part-way) is still to complete.
    const held = await commentLinks.byB24(taskId, comment.id);
    if (held && !held.partial) continue;
    jobs.push({ kind: 'b24-comment', taskId, commentId: comment.id, action: 'added' });
  }
  return jobs;
}
