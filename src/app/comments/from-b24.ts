/**
 * A Bitrix24 comment (legacy task comment or a message of the new task card's chat) mirrored to the paired
 * issue with its author's name. Our own mirrors are recognised three ways: the comment link, the posting
 * intent, and the attribution label naming Jira.
 */
import { adfPlainText, bbcodeToWholeAdf } from '../../core/convert';
import { isPermanent } from '../../core/errors';
import type { B24ChatMessage } from '../../ports/b24';
import type { Side } from '../../core/model';
import { commentFingerprint, commentParts, isMirroredComment } from '../../core/sync/comments';
import type { SyncContext } from '../sync-context';
import { jiraCommentsOf, type CommentLink } from '../store/comment-links';
import { deleteIfThere, linkOf, writeCommentParts } from './parts';
import { keys } from '../store/keys';
import { note, type JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { ProjectConfigStore } from '../store/project-config';
import { readTaskInScope } from './scope';
import { landedInJira } from './landed';
import { postOnce } from './post-lock';
import type { AdfDoc } from '../../core/adf';

interface B24CommentRead {
  ref: string;
  text: string;
  authorId: string;
  authorName: string;
}

/** The task's scope comes with the comment's read (one request), so a task outside the workgroup is held back first. */
async function readComment(
  ctx: SyncContext,
  link: PairLink,
  configs: ProjectConfigStore,
  commentId?: string,
  messageId?: string,
): Promise<B24CommentRead | null> {
  if (!commentId && !messageId) return null;
  const { task, comment: c } = await readTaskInScope(ctx, link, configs, commentId);
  if (commentId) return c ? { ref: c.id, text: c.message, authorId: c.authorId, authorName: c.authorName } : null;
  if (!messageId || !task?.chatId) return null;
  const messages = await readChat(ctx, link.taskId, task.chatId, messageId);
  const m = messages.find((x) => x.id === messageId);
  if (!m) return null;
  const author = m.authorId === '0' ? null : await ctx.b24.getUser(m.authorId);
  return {
    ref: `m${m.id}`,
    text: m.text,
    authorId: m.authorId,
    authorName: author ? `${author.name} ${author.lastName}`.trim() : `Bitrix24 user ${m.authorId}`,
  };
}

/** A task chat is open to task members only: the integration user joins as an observer once, then reads. */
async function readChat(
  ctx: SyncContext,
  taskId: string,
  chatId: string,
  messageId: string,
): Promise<B24ChatMessage[]> {
  try {
    return await ctx.b24.getChatMessages(chatId, { firstId: messageId, limit: 1 });
  } catch (error) {
    const actingUserId = (await ctx.connection.get())?.actingUserId;
    if (!isPermanent(error, 'forbidden') || !actingUserId) throw error;
    await ctx.b24.addTaskAuditor(taskId, actingUserId);
    return ctx.b24.getChatMessages(chatId, { firstId: messageId, limit: 1 });
  }
}

export async function syncB24Comment(
  ctx: SyncContext,
  link: PairLink,
  configs: ProjectConfigStore,
  job: { taskId: string; commentId?: string; messageId?: string; action: 'added' | 'updated' | 'deleted' },
): Promise<void> {
  const comments = ctx.stores.commentLinks;
  const ref = job.commentId ?? (job.messageId ? `m${job.messageId}` : '');
  const existing = ref ? await comments.byB24(job.taskId, ref) : null;
  if (job.action === 'deleted') return deleteMirror(ctx, link, configs, existing);
  // An "added" event for a comment we already mirror is our own echo or a duplicate delivery: no read needed.
  if (existing && !existing.partial && job.action === 'added') return;
  const comment = await readComment(ctx, link, configs, job.commentId, job.messageId);
  // Chat system messages (author 0) are the task's own notices, not people's comments.
  if (!comment || comment.authorId === '0') return;
  // The whole comment: one over Jira's limit goes in numbered parts, never cut.
  const doc = bbcodeToWholeAdf(comment.text);
  const plain = adfPlainText(doc);
  const fingerprint = commentFingerprint(plain);
  const bodies = commentParts(doc, comment.authorName, 'b24');
  const target = { taskId: job.taskId, b24Ref: comment.ref, issueId: link.issueId, fingerprint };
  if (existing && !existing.partial) {
    if (existing.fingerprint === fingerprint) return;
    if (isMirroredComment(plain, 'b24')) return;
    await writeCommentParts(ctx, { ...target, b24Ref: existing.b24Ref, issueId: existing.issueId }, existing, bodies);
    await journal(ctx, link, 'comment-edit', partsNote(bodies));
    return;
  }
  if (isMirroredComment(plain, 'b24')) return;
  // Our own post's echo is written by the integration user and is taken once; a person's same words are a comment.
  const actingUserId = (await ctx.connection.get())?.actingUserId;
  if (
    !existing &&
    comment.authorId === actingUserId &&
    (await ctx.ownWrites.takeComment('b24', job.taskId, fingerprint))
  )
    return;
  const posting = postOnce(ctx, keys.commentClaim('b24', job.taskId, comment.ref), async (lock) => {
    // Read again under the lock: a job that held it just before may have posted and linked it meanwhile.
    const now = ref ? await comments.byB24(job.taskId, ref) : null;
    if (now && !now.partial) return;
    const held = now ? { ...now, ...target, b24Ref: now.b24Ref, issueId: now.issueId } : null;
    const landed = lock.inDoubt ? await adoptLanded(ctx, held ?? target, held, bodies) : held;
    if (landed && !landed.partial && landed.fingerprint === fingerprint) return;
    await ctx.ownWrites.expectComment('jira', link.issueId, fingerprint);
    await lock.sending();
    await writeCommentParts(ctx, landed ?? target, landed, bodies);
  });
  if (await refusedBy(ctx, link, 'jira', posting)) return;
  await journal(ctx, link, 'comment', partsNote(bodies));
}

/** Parts an earlier attempt posted and never linked, found in Jira and linked now; the link as it then stands. */
async function adoptLanded(
  ctx: SyncContext,
  target: Omit<CommentLink, 'jiraCommentId' | 'parts' | 'partial'>,
  held: CommentLink | null,
  bodies: AdfDoc[],
): Promise<CommentLink | null> {
  const ids = held ? jiraCommentsOf(held) : [];
  const found = await landedInJira(ctx, target.issueId, bodies, ids.length, ids);
  if (found.length === 0) return held;
  const all = [...ids, ...found];
  const link = linkOf(target, all, all.length < bodies.length);
  await ctx.stores.commentLinks.save(link);
  return link;
}

function partsNote(bodies: readonly unknown[]): JournalNote | undefined {
  if (bodies.length < 2) return undefined;
  return note(
    'comment.inParts',
    { count: String(bodies.length) },
    `Posted in Jira in ${bodies.length} numbered parts: the comment is longer than one Jira comment may be.`,
  );
}

async function deleteMirror(
  ctx: SyncContext,
  link: PairLink,
  configs: ProjectConfigStore,
  existing: CommentLink | null,
): Promise<void> {
  if (!existing) return;
  const config = await configs.get(link.projectKey);
  await ctx.stores.commentLinks.remove(existing);
  if (config?.deletes.comment === 'delete')
    for (const id of jiraCommentsOf(existing)) await deleteIfThere(ctx, existing.issueId, id);
  await journal(
    ctx,
    link,
    'comment-delete',
    config?.deletes.comment === 'delete'
      ? note('comment.deletedInB24.delete', {}, 'Comment deleted in Bitrix24; deleted in Jira.')
      : note('comment.deletedInB24.keep', {}, 'Comment deleted in Bitrix24; kept in Jira.'),
  );
}

const isRefusal = (e: unknown): boolean => isPermanent(e, 'invalid-request') || isPermanent(e, 'validation');

/**
 * True when `side` refused the mirror's post (a 400): journalled with that side's words and what to do, instead of
 * failing the job for good, as a refused field value is. Anything else is thrown on.
 */
export async function refusedBy(
  ctx: SyncContext,
  link: PairLink,
  side: Side,
  posting: Promise<void>,
): Promise<boolean> {
  try {
    await posting;
    return false;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    await ctx.journal.record({
      at: ctx.now(),
      projectKey: link.projectKey,
      direction: side === 'jira' ? 'b24-to-jira' : 'jira-to-b24',
      operation: 'comment',
      taskId: link.taskId,
      issueId: link.issueId,
      issueKey: link.issueKey,
      fields: ['comment'],
      outcome: 'warning',
      notes: [
        note(
          'comment.refused',
          { side, detail },
          `${side === 'jira' ? 'Jira' : 'Bitrix24'} refused the copy of this comment: ${detail}. It was not copied; change the comment so it is accepted, and the edit is copied.`,
        ),
      ],
      calls: ctx.calls(),
    });
    return true;
  }
}

export async function journal(
  ctx: SyncContext,
  link: PairLink,
  operation: string,
  sentence: JournalNote | undefined,
  direction: 'b24-to-jira' | 'jira-to-b24' = 'b24-to-jira',
): Promise<void> {
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction,
    operation,
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: ['comment'],
    outcome: 'synced',
    ...(sentence ? { notes: [sentence] } : {}),
    calls: ctx.calls(),
  });
}
