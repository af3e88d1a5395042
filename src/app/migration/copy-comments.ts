/**
 * Existing comments of newly paired entities, copied once each, oldest first, attributed as the single path
 * attributes them ("Name (Jira):" / "Name (Bitrix24):"). Jira → Bitrix24 goes 50 adds per `batch` (the comments
 * came with the search page); Bitrix24 → Jira reads only the tasks that have comments (COMMENTS_COUNT from the
 * list), 50 per batch, and adds them one call each (Jira has no bulk comment endpoint). Each copy is stored as a
 * comment link with an intent first, so its event is dismissed without a read and a retry copies nothing twice.
 */
import { adfPlainText, adfToBbcode, bbcodeToWholeAdf } from '../../core/convert';
import type { JiraComment } from '../../core/remote/jira';
import { attributedBody, commentFingerprint, commentParts, isMirroredComment } from '../../core/sync/comments';
import { writeCommentParts } from '../comments/parts';
import { keys } from '../store/keys';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';

interface ToB24 {
  link: PairLink;
  comment: JiraComment;
  text: string;
  fingerprint: string;
}

export async function copyIssueComments(
  ctx: SyncContext,
  pairs: { link: PairLink; comments: JiraComment[] }[],
): Promise<number> {
  const store = ctx.stores.commentLinks;
  const queue: ToB24[] = [];
  for (const { link, comments } of pairs) {
    for (const comment of [...comments].sort((a, b) => Date.parse(a.created) - Date.parse(b.created))) {
      const plain = adfPlainText(comment.body);
      if (isMirroredComment(plain, 'jira') || (await store.byJira(link.issueId, comment.id))) continue;
      const text = adfToBbcode(attributedBody(comment.body, comment.author?.displayName ?? 'Someone', 'jira'));
      queue.push({ link, comment, text, fingerprint: commentFingerprint(plain) });
    }
  }
  for (const q of queue) await ctx.ownWrites.expectComment('b24', q.link.taskId, q.fingerprint);
  // One batch runs its commands in order, so each task's comments keep their order.
  const outcomes = await ctx.b24.addComments(queue.map((q) => ({ taskId: q.link.taskId, message: q.text })));
  let copied = 0;
  for (const [i, outcome] of outcomes.entries()) {
    const q = queue[i];
    if (!q) continue;
    if (!outcome.ok) {
      ctx.log.warn('migration could not copy a Jira comment', {
        issueId: q.link.issueId,
        commentId: q.comment.id,
        error: outcome.error.message,
      });
      continue;
    }
    await store.save(
      {
        taskId: q.link.taskId,
        b24Ref: outcome.value,
        issueId: q.link.issueId,
        jiraCommentId: q.comment.id,
        fingerprint: q.fingerprint,
      },
      [`m${outcome.value}`],
    );
    copied += 1;
  }
  return copied;
}

export async function copyTaskComments(
  ctx: SyncContext,
  links: PairLink[],
  commentCounts: Map<string, number>,
): Promise<number> {
  const withComments = links.filter((l) => (commentCounts.get(l.taskId) ?? 0) > 0);
  if (withComments.length === 0) return 0;
  const store = ctx.stores.commentLinks;
  const lists = await ctx.b24.getCommentLists(withComments.map((l) => l.taskId));
  let copied = 0;
  for (const [i, list] of lists.entries()) {
    const link = withComments[i];
    if (!link || !list.ok) continue;
    for (const comment of list.value) {
      const doc = bbcodeToWholeAdf(comment.message);
      const plain = adfPlainText(doc);
      if (isMirroredComment(plain, 'b24')) continue;
      // A long comment whose parts were cut short by a failure is completed, not skipped nor posted again.
      const held = await store.byB24(link.taskId, comment.id);
      if (held && !held.partial) continue;
      // An event or reconciliation holding the same comment posts it only if it claims it first.
      const claim = keys.commentClaim('b24', link.taskId, comment.id);
      if (!(await ctx.kv.setIfAbsent(claim, ctx.now(), { ttlSeconds: 3600 }))) continue;
      const fingerprint = commentFingerprint(plain);
      await ctx.ownWrites.expectComment('jira', link.issueId, fingerprint);
      try {
        // Over Jira's limit, in numbered parts, as the single path posts it.
        const target = { taskId: link.taskId, b24Ref: comment.id, issueId: link.issueId, fingerprint };
        await writeCommentParts(ctx, target, held, commentParts(doc, comment.authorName, 'b24'));
      } catch (error) {
        await ctx.kv.delete(claim);
        throw error;
      }
      copied += 1;
    }
  }
  return copied;
}
