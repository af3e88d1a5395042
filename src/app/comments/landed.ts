/**
 * The mirror an earlier attempt posted but never linked (its reply was lost, or it died first), found on the other
 * side when the post lock is in doubt (./post-lock.ts), so it is linked instead of posted twice.
 *
 * What is found there is a hint a person could imitate, so a comment is taken only when everything the app knows
 * agrees: it carries the attribution label naming the source side, it says exactly what the app would post, no
 * comment link claims it already, and it is written by the account the app posts as: the Jira service account
 * where the runtime knows it, else an app account (Forge posts as the app, and no person has an app account); the
 * Bitrix24 integration user.
 */
import type { AdfDoc } from '../../core/adf';
import { adfPlainText, bbcodeToWholeAdf } from '../../core/convert';
import { commentFingerprint, isMirroredComment } from '../../core/sync/comments';
import type { SyncContext } from '../sync-context';

const sameText = (a: string, b: string): boolean => commentFingerprint(a) === commentFingerprint(b);

/**
 * Ids of Jira comments already holding `bodies[from…]`, in order, stopping at the first part not there. `taken`
 * are the ids the link already names.
 */
export async function landedInJira(
  ctx: SyncContext,
  issueId: string,
  bodies: readonly AdfDoc[],
  from: number,
  taken: readonly string[],
): Promise<string[]> {
  const own = ctx.deps.ownAccounts?.jiraAccountId;
  const candidates = [];
  for (const c of await ctx.jira.getComments(issueId)) {
    const plain = adfPlainText(c.body);
    if (taken.includes(c.id) || !isMirroredComment(plain, 'jira')) continue;
    if (own !== undefined ? c.author?.accountId !== own : c.author?.accountType !== 'app') continue;
    if (await ctx.stores.commentLinks.byJira(issueId, c.id)) continue;
    candidates.push({ id: c.id, plain });
  }
  const found: string[] = [];
  for (const body of bodies.slice(from)) {
    const want = adfPlainText(body);
    const hit = candidates.find((c) => !found.includes(c.id) && sameText(c.plain, want));
    if (!hit) break;
    found.push(hit.id);
  }
  return found;
}

/** The Bitrix24 comment (its id as `addComment` returns it) already saying `text`, or null. */
export async function landedInB24(ctx: SyncContext, taskId: string, text: string): Promise<string | null> {
  const actingUserId = (await ctx.connection.get())?.actingUserId;
  const want = adfPlainText(bbcodeToWholeAdf(text));
  for (const c of await ctx.b24.getComments(taskId)) {
    const plain = adfPlainText(bbcodeToWholeAdf(c.message));
    if (!isMirroredComment(plain, 'b24') || !sameText(plain, want)) continue;
    if (actingUserId !== undefined && c.authorId !== actingUserId) continue;
    const id = c.chatMessageId ?? c.id;
    const linked =
      (await ctx.stores.commentLinks.byB24(taskId, id)) ?? (await ctx.stores.commentLinks.byB24(taskId, `m${id}`));
    if (!linked) return id;
  }
  return null;
}
