/**
 * Jira emits no event for a comment edit, so reconciliation looks at the comments of each changed linked issue
 * and enqueues an upsert only for a mirrored comment whose text no longer matches the fingerprint last synced.
 * New comments are left to their own (redelivered) events: enqueueing them here too could race the event's job
 * and post the comment twice in Bitrix24.
 */
import { adfPlainText } from '../../core/convert';
import { commentFingerprint, isMirroredComment } from '../../core/sync/comments';
import type { JiraPort } from '../../ports/jira';
import type { SyncJob } from '../jobs';
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
    jobs.push({ kind: 'jira-comment', issueId: issue.id, projectKey: issue.projectKey, commentId: comment.id, action: 'upserted' });
  }
  return jobs;
}
