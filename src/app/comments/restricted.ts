/**
 * A Jira comment restricted to a role or group (or on an issue under a security level) is read in Jira by those
 * people only, while every member of the paired workgroup reads the Bitrix24 task. Unless the project's mapping
 * says to copy them, such comments are held back: the journal says which and why, and a copy made while the comment
 * was still public is withdrawn from Bitrix24.
 */
import { restrictedPolicy, type SyncConfig } from '../../core/config';
import type { JiraComment } from '../../core/remote/jira';
import { note, type JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';

async function reason(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  comment: JiraComment,
): Promise<JournalNote | null> {
  const policy = restrictedPolicy(config);
  const v = comment.visibility;
  if (v && policy.comments === 'hold-back') {
    const name = v.value ?? v.identifier ?? '';
    return note(
      'comment.restricted',
      { comment: comment.id, kind: v.type === 'role' ? 'role' : 'group', name },
      `Comment ${comment.id} is restricted to the ${v.type === 'role' ? 'project role' : 'group'} "${name}" in Jira, so it was not copied to Bitrix24 (the project's mapping holds back restricted comments).`,
    );
  }
  if (policy.securedIssues !== 'hold-back') return null;
  const read = await ctx.jira.getIssue(link.issueId);
  const level = read?.issue.fields.security;
  return level
    ? note(
        'comment.secured',
        { comment: comment.id, level: level.name },
        `Comment ${comment.id} is on an issue under the security level "${level.name}" in Jira, so it was not copied to Bitrix24 (the project's mapping holds back restricted issues).`,
      )
    : null;
}

/** True when the comment must not reach Bitrix24; then it is journalled (and an earlier copy removed). */
export async function holdBackRestrictedComment(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig | null,
  comment: JiraComment,
): Promise<boolean> {
  if (!config) return false;
  const why = await reason(ctx, link, config, comment);
  if (why === null) return false;
  const comments = ctx.stores.commentLinks;
  const copy = await comments.byJira(link.issueId, comment.id);
  if (copy) {
    if (copy.b24Ref.startsWith('m')) await ctx.b24.deleteChatMessage(copy.b24Ref.slice(1));
    else await ctx.b24.deleteComment(copy.taskId, copy.b24Ref);
    await comments.remove(copy);
  }
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction: 'jira-to-b24',
    operation: 'comment',
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: ['comment'],
    outcome: 'skipped',
    notes: copy ? [why, note('comment.copyRemoved', {}, 'Its earlier copy was removed from Bitrix24.')] : [why],
    calls: ctx.calls(),
  });
  return true;
}
