/**
 * Comment ⇄ comment links with the fingerprint of the last synced text, so duplicated events post nothing and an
 * edit is recognised as an edit. A Bitrix24 comment is referred to by its comment id or, on the new task card,
 * by `m<message id>`.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export interface CommentLink {
  taskId: string;
  /** Comment id, or m<messageId> for task-chat messages. */
  b24Ref: string;
  issueId: string;
  jiraCommentId: string;
  fingerprint: string;
  /**
   * A Bitrix24 comment longer than one Jira comment is posted as numbered parts: every part's Jira comment id, in
   * order (the first is `jiraCommentId`). Absent for a comment posted whole.
   */
  parts?: string[];
  /** Some parts are still to be posted (an interrupted post): the next attempt completes them. */
  partial?: boolean;
}

const schema = z.object({
  taskId: z.string(),
  b24Ref: z.string(),
  issueId: z.string(),
  jiraCommentId: z.string(),
  fingerprint: z.string(),
  parts: z.array(z.string()).min(1).optional(),
  partial: z.boolean().optional(),
});

/** Every Jira comment that holds the Bitrix24 comment: its parts, or the one comment. */
export const jiraCommentsOf = (link: CommentLink): string[] => link.parts ?? [link.jiraCommentId];

export class CommentLinkStore {
  constructor(private readonly kv: KeyValueStore) {}

  async byB24(taskId: string, b24Ref: string): Promise<CommentLink | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.b24CommentLink(taskId, b24Ref)));
    return parsed.success ? parsed.data : null;
  }

  async byJira(issueId: string, commentId: string): Promise<CommentLink | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.jiraCommentLink(issueId, commentId)));
    return parsed.success ? parsed.data : null;
  }

  /** `aliases`: other refs the same Bitrix24 comment may arrive under (a comment id that is also a chat message id). */
  async save(link: CommentLink, aliases: string[] = []): Promise<void> {
    const stored = JSON.parse(JSON.stringify(link)) as Record<string, never>;
    for (const ref of [link.b24Ref, ...aliases]) await this.kv.set(keys.b24CommentLink(link.taskId, ref), stored);
    // Each part finds the link, so a part's delete or edit in Jira is known as this comment's.
    for (const id of jiraCommentsOf(link)) await this.kv.set(keys.jiraCommentLink(link.issueId, id), stored);
  }

  async remove(link: CommentLink): Promise<void> {
    await this.kv.delete(keys.b24CommentLink(link.taskId, link.b24Ref));
    await this.forgetJira(link.issueId, jiraCommentsOf(link));
  }

  /** Parts no longer part of the comment (it got shorter). */
  async forgetJira(issueId: string, commentIds: string[]): Promise<void> {
    for (const id of commentIds) await this.kv.delete(keys.jiraCommentLink(issueId, id));
  }
}
