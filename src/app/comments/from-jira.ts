/**
 * A Jira comment mirrored to the paired Bitrix24 task with its author's name. Jira emits no event for comment
 * edits, so edits arrive through reconciliation or "Sync now" as an upsert with a changed fingerprint.
 */
import { adfPlainText, adfToBbcode } from '../../core/convert';
import { attributedBody, commentFingerprint, isMirroredComment } from '../../core/sync/comments';
import { jiraCommentsOf } from '../store/comment-links';
import { note } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { ProjectConfigStore } from '../store/project-config';
import type { SyncContext } from '../sync-context';
import { journal, refusedBy } from './from-b24';
import { deleteIfThere } from './parts';
import { holdBackRestrictedComment } from './restricted';
import { readTaskInScope } from './scope';
import { landedInB24 } from './landed';
import { postOnce } from './post-lock';
import { keys } from '../store/keys';

async function removeOnB24(ctx: SyncContext, taskId: string, b24Ref: string): Promise<void> {
  if (b24Ref.startsWith('m')) await ctx.b24.deleteChatMessage(b24Ref.slice(1));
  else await ctx.b24.deleteComment(taskId, b24Ref);
}

/** Jira's comment read cannot carry the task's: one read of the task's scope right before writing into it. */
const inScope = async (ctx: SyncContext, link: PairLink, configs: ProjectConfigStore): Promise<boolean> =>
  (await readTaskInScope(ctx, link, configs)).task !== null;

export async function syncJiraComment(
  ctx: SyncContext,
  link: PairLink,
  configs: ProjectConfigStore,
  job: { issueId: string; commentId: string; action: 'upserted' | 'deleted' },
): Promise<void> {
  const comments = ctx.stores.commentLinks;
  const existing = await comments.byJira(job.issueId, job.commentId);
  if (job.action === 'deleted') {
    if (!existing) return;
    const config = await configs.get(link.projectKey);
    const remove = config?.deletes.comment === 'delete' && (await inScope(ctx, link, configs));
    await comments.remove(existing);
    if (remove) await removeOnB24(ctx, existing.taskId, existing.b24Ref);
    // One part of a long comment deleted: the comment is, so its other parts go with it rather than stand half.
    if (remove)
      for (const id of jiraCommentsOf(existing).filter((c) => c !== job.commentId))
        await deleteIfThere(ctx, existing.issueId, id);
    const deleted =
      config?.deletes.comment === 'delete'
        ? note('comment.deletedInJira.delete', {}, 'Comment deleted in Jira; deleted in Bitrix24.')
        : note('comment.deletedInJira.keep', {}, 'Comment deleted in Jira; kept in Bitrix24.');
    await journal(ctx, link, 'comment-delete', deleted, 'jira-to-b24');
    return;
  }
  const comment = await ctx.jira.getComment(job.issueId, job.commentId);
  if (!comment) return;
  if (await holdBackRestrictedComment(ctx, link, await configs.get(link.projectKey), comment)) return;
  const plain = adfPlainText(comment.body);
  const fingerprint = commentFingerprint(plain);
  if (isMirroredComment(plain, 'jira')) return;
  const author = comment.author?.displayName ?? 'Someone';
  const text = adfToBbcode(attributedBody(comment.body, author, 'jira'));
  if (existing) {
    if (existing.fingerprint === fingerprint) return;
    if (!(await inScope(ctx, link, configs))) return;
    if (existing.b24Ref.startsWith('m')) await ctx.b24.updateChatMessage(existing.b24Ref.slice(1), text);
    else await ctx.b24.updateComment(existing.taskId, existing.b24Ref, text);
    await comments.save({ ...existing, fingerprint });
    await journal(ctx, link, 'comment-edit', undefined, 'jira-to-b24');
    return;
  }
  if (!(await inScope(ctx, link, configs))) return;
  const posting = postOnce(ctx, keys.commentClaim('jira', job.issueId, job.commentId), async (lock) => {
    // Read again under the lock: a job that held it just before may have posted and linked it meanwhile.
    if (await comments.byJira(job.issueId, job.commentId)) return;
    const landed = lock.inDoubt ? await landedInB24(ctx, link.taskId, text) : null;
    await ctx.ownWrites.expectComment('b24', link.taskId, fingerprint);
    if (landed === null) await lock.sending();
    const id = landed ?? (await ctx.b24.addComment(link.taskId, text));
    // On the new task card the returned id is the chat message's: keep both forms so its event finds the link.
    await comments.save(
      { taskId: link.taskId, b24Ref: id, issueId: job.issueId, jiraCommentId: comment.id, fingerprint },
      [`m${id}`],
    );
    // The link now recognises our post; a lingering intent would swallow a person's comment with the same words.
    await ctx.ownWrites.commentSettled('b24', link.taskId, fingerprint);
  });
  if (await refusedBy(ctx, link, 'b24', posting)) return;
  await journal(ctx, link, 'comment', undefined, 'jira-to-b24');
}
