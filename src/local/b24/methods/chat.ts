/**
 * The new task card's comments: messages in the task chat. Posting one fires ONTASKCOMMENTADD with `ID: 0` and
 * the `MESSAGE_ID`; edits and deletes fire nothing (docs: tasks-new.md).
 */
import type { CallContext, MethodTable } from '../context';
import { formatPortalDate } from '../dates';
import { B24Error } from '../envelope';
import { asInt, asText, param, type Params } from '../params';
import type { ChatMessage, TaskRecord } from '../state';

const noAccess = (): B24Error => new B24Error('ACCESS_ERROR', 'You do not have access to this chat');

export function postChatMessage(ctx: CallContext, task: TaskRecord, authorId: number, text: string): number {
  const chat = ctx.state.chats.get(task.chatId);
  if (!chat) throw noAccess();
  const id = ctx.state.nextId('message');
  chat.messages.push({ id, chatId: task.chatId, authorId, date: ctx.now, text });
  ctx.events.emit({ event: 'ONTASKCOMMENTADD', taskId: task.id, messageId: id }, ctx.actor.userId);
  return id;
}

function chatOf(ctx: CallContext, params: Params): { chatId: number; task: TaskRecord } {
  const dialog = asText(param(params, 'DIALOG_ID')) ?? '';
  if (dialog === '') throw new B24Error('DIALOG_ID_EMPTY', "Dialog ID can't be empty");
  const m = /^chat(\d+)$/.exec(dialog);
  const chat = m ? ctx.state.chats.get(Number(m[1])) : undefined;
  const task = chat ? ctx.state.tasks.get(chat.taskId) : undefined;
  // Only chat participants read or write a task chat: the task's members.
  if (!m || !task || !ctx.state.isMember(task, ctx.actor.userId)) throw noAccess();
  return { chatId: Number(m[1]), task };
}

function renderMessage(ctx: CallContext, m: ChatMessage): Record<string, unknown> {
  return {
    id: m.id,
    chat_id: m.chatId,
    author_id: m.authorId,
    date: formatPortalDate(m.date, ctx.timeZone),
    text: m.text,
    unread: false,
    uuid: `00000000-0000-4000-8000-${String(m.id).padStart(12, '0')}`,
    replaces: [],
    params: [],
    disappearing_date: null,
  };
}

function renderUser(ctx: CallContext, id: number): Record<string, unknown> {
  const u = ctx.state.user(id);
  return {
    id,
    active: true,
    name: ctx.state.userName(id),
    first_name: u?.name ?? '',
    last_name: u?.lastName ?? '',
    work_position: '',
    color: '#4ba984',
    avatar: '',
    avatar_hr: '',
    gender: 'M',
    birthday: '',
    extranet: false,
    network: false,
    bot: false,
    connector: false,
    external_auth_id: 'default',
    status: 'online',
    idle: false,
    last_activity_date: formatPortalDate(ctx.now, ctx.timeZone),
    mobile_last_date: false,
    desktop_last_date: false,
    absent: false,
    departments: [1],
    phones: false,
    bot_data: null,
    type: 'user',
    website: '',
    email: u?.email ?? '',
  };
}

function messagesGet(ctx: CallContext, params: Params): { result: unknown } {
  const { chatId } = chatOf(ctx, params);
  const limit = Math.min(50, Math.max(1, asInt(param(params, 'LIMIT')) ?? 20));
  const firstId = asInt(param(params, 'FIRST_ID'));
  const lastId = asInt(param(params, 'LAST_ID'));
  const all = [...(ctx.state.chats.get(chatId)?.messages ?? [])];
  // FIRST_ID pages forward (oldest first, then printed newest first, inclusive as the docs' example shows);
  // LAST_ID pages backward from below it; neither gives the latest messages.
  const picked =
    firstId !== undefined
      ? all.filter((m) => m.id >= firstId).slice(0, limit)
      : all.filter((m) => lastId === undefined || m.id < lastId).slice(-limit);
  const messages = picked.sort((a, b) => b.id - a.id);
  const authors = [...new Set(messages.map((m) => m.authorId).filter((id) => id > 0))];
  return {
    result: {
      chat_id: chatId,
      messages: messages.map((m) => renderMessage(ctx, m)),
      users: authors.map((id) => renderUser(ctx, id)),
      files: [],
    },
  };
}

function messageAdd(ctx: CallContext, params: Params): { result: unknown } {
  const { task } = chatOf(ctx, params);
  const text = asText(param(params, 'MESSAGE')) ?? '';
  if (text.trim() === '') throw new B24Error('MESSAGE_EMPTY', "Message can't be empty");
  return { result: postChatMessage(ctx, task, ctx.actor.userId, text) };
}

export const chatMethods: MethodTable = {
  'im.message.add': { scope: 'im', write: true, run: messageAdd },
  'im.dialog.messages.get': { scope: 'im', run: messagesGet },
};
