/**
 * im.message.update / im.message.delete on task-chat messages: the author only, no task event (tasks-new.md: the
 * new card fires no comment update/delete events); an empty MESSAGE in update deletes (im-message-update.md).
 */
import type { CallContext, MethodTable } from '../context';
import { B24Error } from '../envelope';
import { asInt, asText, param, type Params } from '../params';

const cantEdit = (): B24Error =>
  new B24Error('CANT_EDIT_MESSAGE', "Time has expired for modification or you don't have access", 403);

function messageOf(
  ctx: CallContext,
  params: Params,
): { list: { id: number; authorId: number; text: string }[]; index: number } {
  const id = asInt(param(params, 'MESSAGE_ID'));
  if (id === undefined || id <= 0) throw new B24Error('MESSAGE_ID_ERROR', "Message ID can't be empty");
  for (const chat of ctx.state.chats.values()) {
    const index = chat.messages.findIndex((m) => m.id === id);
    if (index < 0) continue;
    if (chat.messages[index]?.authorId !== ctx.actor.userId) throw cantEdit();
    return { list: chat.messages, index };
  }
  throw cantEdit();
}

function update(ctx: CallContext, params: Params): { result: unknown } {
  const { list, index } = messageOf(ctx, params);
  const text = asText(param(params, 'MESSAGE'));
  const message = list[index];
  if (text === '') list.splice(index, 1);
  else if (text !== undefined && message) message.text = text;
  return { result: true };
}

function remove(ctx: CallContext, params: Params): { result: unknown } {
  const { list, index } = messageOf(ctx, params);
  list.splice(index, 1);
  return { result: true };
}

export const chatEditMethods: MethodTable = {
  'im.message.update': { scope: 'im', write: true, run: update },
  'im.message.delete': { scope: 'im', write: true, run: remove },
};
