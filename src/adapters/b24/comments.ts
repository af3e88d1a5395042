/**
 * Task comments in both models: legacy task.commentitem.* and the new task card's chat (tasks.task.chat.*, im.*).
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { B24Port } from '../../ports/b24';
import type { B24Caller } from './request';
import { chatMessageSchema, commentSchema, idString } from './schemas';

type CommentEndpoints = Pick<
  B24Port,
  | 'getComments'
  | 'getComment'
  | 'addComment'
  | 'updateComment'
  | 'deleteComment'
  | 'getTaskChatId'
  | 'sendTaskChatMessage'
  | 'addChatMessage'
  | 'updateChatMessage'
  | 'deleteChatMessage'
  | 'getChatMessages'
>;

/**
 * task.commentitem.* read their arguments by position only (data-encoding.md, "Order of Parameters"): sent as
 * numeric keys, which a JSON body carries next to an OAuth `auth` and a batch query string carries as `0=…&1[…]=…`.
 */
export const positional = (...args: unknown[]): Record<string, unknown> =>
  Object.fromEntries(args.map((arg, i) => [String(i), arg]));

/** task.commentitem.get reports a missing comment as ERROR_CORE "…ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE". */
export const isMissingComment = (e: unknown): boolean =>
  e instanceof PermanentError && (e.reason === 'not-found' || /NOT_FOUND/.test(e.message));

export const commentEndpoints = (c: B24Caller): CommentEndpoints => ({
  async getComments(taskId) {
    const params = positional(taskId, { POST_DATE: 'asc' });
    return (await c.call('task.commentitem.getlist', params, z.array(commentSchema(taskId)))).result;
  },

  async getComment(taskId, commentId) {
    try {
      return (await c.call('task.commentitem.get', positional(taskId, commentId), commentSchema(taskId))).result;
    } catch (e) {
      if (isMissingComment(e)) return null;
      throw e;
    }
  },

  async addComment(taskId, message, authorId) {
    const fields = authorId === undefined ? { POST_MESSAGE: message } : { POST_MESSAGE: message, AUTHOR_ID: authorId };
    return (await c.call('task.commentitem.add', positional(taskId, fields), idString)).result;
  },

  async updateComment(taskId, commentId, message) {
    await c.call('task.commentitem.update', positional(taskId, commentId, { POST_MESSAGE: message }), z.unknown());
  },

  async deleteComment(taskId, commentId) {
    await c.call('task.commentitem.delete', positional(taskId, commentId), z.unknown());
  },

  async getTaskChatId(taskId) {
    const schema = z.union([z.object({ task: z.object({ chatId: idString.nullish() }) }), z.array(z.never())]);
    const { result } = await c.call('tasks.task.get', { taskId, select: ['CHAT_ID'] }, schema);
    const chatId = Array.isArray(result) ? null : (result.task.chatId ?? null);
    return chatId === null || chatId === '0' ? null : chatId;
  },

  async sendTaskChatMessage(taskId, text) {
    await c.call('tasks.task.chat.message.send', { fields: { taskId: Number(taskId), text } }, z.unknown(), {
      v3: true,
    });
  },

  async addChatMessage(chatId, text) {
    return (await c.call('im.message.add', { DIALOG_ID: `chat${chatId}`, MESSAGE: text }, idString)).result;
  },

  async updateChatMessage(messageId, text) {
    await c.call('im.message.update', { MESSAGE_ID: messageId, MESSAGE: text }, z.unknown());
  },

  async deleteChatMessage(messageId) {
    await c.call('im.message.delete', { MESSAGE_ID: messageId }, z.unknown());
  },

  async getChatMessages(chatId, options = {}) {
    const params = {
      DIALOG_ID: `chat${chatId}`,
      LIMIT: Math.min(options.limit ?? 50, 50),
      ...(options.lastId === undefined ? {} : { LAST_ID: options.lastId }),
      ...(options.firstId === undefined ? {} : { FIRST_ID: options.firstId }),
    };
    return (await c.call('im.dialog.messages.get', params, z.object({ messages: z.array(chatMessageSchema) }))).result
      .messages;
  },
});
