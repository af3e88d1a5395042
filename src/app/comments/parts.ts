/**
 * Writing a Bitrix24 comment to Jira as one comment or as numbered parts (core/sync/comments `commentParts`), over
 * whatever parts Jira already holds: each held part is rewritten in place, missing ones are added, and parts the
 * comment no longer needs are deleted. The link is saved after every part added, so an interrupted post is
 * completed by the next attempt instead of posting its first parts twice.
 */
import type { AdfDoc } from '../../core/adf';
import { isPermanent } from '../../core/errors';
import { jiraCommentsOf, type CommentLink } from '../store/comment-links';
import type { SyncContext } from '../sync-context';

export type CommentTarget = Omit<CommentLink, 'jiraCommentId' | 'parts' | 'partial'>;

export function linkOf(target: CommentTarget, ids: string[], partial: boolean): CommentLink {
  const [first = ''] = ids;
  return {
    ...target,
    jiraCommentId: first,
    ...(ids.length > 1 || partial ? { parts: ids } : {}),
    ...(partial ? { partial: true } : {}),
  };
}

/** `held`: the link as stored, or null for a comment not yet in Jira. Returns the link as saved. */
export async function writeCommentParts(
  ctx: SyncContext,
  target: CommentTarget,
  held: CommentLink | null,
  bodies: AdfDoc[],
): Promise<CommentLink> {
  const store = ctx.stores.commentLinks;
  const ids = held ? jiraCommentsOf(held) : [];
  for (const [i, body] of bodies.entries()) {
    const id = ids[i];
    if (id !== undefined) {
      await ctx.jira.updateComment(target.issueId, id, body);
      continue;
    }
    const created = await ctx.jira.addComment(target.issueId, body);
    ids.push(created.id);
    if (i < bodies.length - 1) await store.save(linkOf(target, ids, true));
  }
  // Parts no longer needed go last to first, the link shrinking with each, so a retry never loses track of one.
  while (ids.length > bodies.length) {
    const id = ids[ids.length - 1] ?? '';
    await deleteIfThere(ctx, target.issueId, id);
    ids.pop();
    await store.save(linkOf(target, ids, ids.length < bodies.length));
    await store.forgetJira(target.issueId, [id]);
  }
  const link = linkOf(target, ids, false);
  await store.save(link);
  return link;
}

/** A part already deleted (by an interrupted attempt, or by a person) is as good as deleted now. */
export async function deleteIfThere(ctx: SyncContext, issueId: string, commentId: string): Promise<void> {
  try {
    await ctx.jira.deleteComment(issueId, commentId);
  } catch (error) {
    if (!isPermanent(error, 'not-found')) throw error;
  }
}
