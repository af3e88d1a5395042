/**
 * Legacy task comments (task.commentitem.*, positional: `[TASKID, …]` or named). On chat-card tasks add posts to
 * the task chat (chat-style event) and the other four refuse, as the docs say they stop working there.
 */
import type { CallContext, MethodTable } from '../context';
import { formatPortalDate } from '../dates';
import { B24Error } from '../envelope';
import { asInt, asList, asRecord, asText, param, type Params } from '../params';
import type { CommentRecord, TaskRecord } from '../state';
import { postChatMessage } from './chat';
import { taskIdOf, visibleTask } from './task-access';
import { attachmentInfo } from './disk';

const notFound = (): B24Error =>
  new B24Error('ERROR_CODE', 'TASKS_ERROR_EXCEPTION_#512; Check listitem not found or not accessible; 512/TE/ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE.<br>');
const noPermission = (): B24Error => new B24Error('ERROR_CODE', 'Insufficient permissions to add a comment.<br>');
const wrongArgs = (text: string): B24Error => new B24Error('ERROR_CORE', `TASKS_ERROR_EXCEPTION_#256; ${text}; 256/TE/WRONG_ARGUMENTS.<br>`);
const chatCard = (): B24Error => wrongArgs('Comments of this task live in the task chat (new task card)');

function taskOf(ctx: CallContext, params: Params, legacyOnly: boolean): TaskRecord {
  const task = visibleTask(ctx, taskIdOf(params, 'TASKID', 0));
  if (!task) throw notFound();
  if (legacyOnly && task.card === 'chat') throw chatCard();
  return task;
}

function commentOf(ctx: CallContext, task: TaskRecord, params: Params): CommentRecord {
  const id = asInt(param(params, 'ITEMID', 1));
  const comment = id === undefined ? undefined : ctx.state.comments.get(id);
  if (!comment || comment.taskId !== task.id) throw notFound();
  return comment;
}

function render(ctx: CallContext, c: CommentRecord): Record<string, unknown> {
  return {
    POST_MESSAGE_HTML: null,
    ID: String(c.id),
    AUTHOR_ID: String(c.authorId),
    AUTHOR_NAME: ctx.state.userName(c.authorId),
    AUTHOR_EMAIL: '',
    POST_DATE: formatPortalDate(c.postDate, ctx.timeZone),
    POST_MESSAGE: c.message,
    ATTACHED_OBJECTS: Object.fromEntries(c.attachments.map((id) => [String(id), attachmentInfo(ctx, id)])),
  };
}

function attach(ctx: CallContext, taskId: number, value: unknown): number[] {
  return asList(value).map((item) => {
    const m = /^n(\d+)$/.exec(asText(item) ?? '');
    const file = m ? ctx.state.files.get(Number(m[1])) : undefined;
    if (!file) throw wrongArgs('Param #2 (arFields) has an invalid UF_FORUM_MESSAGE_DOC');
    const id = ctx.state.nextId('attachment');
    ctx.state.attachments.set(id, { id, objectId: file.id, entityId: taskId, createdBy: ctx.actor.userId, createdAt: ctx.now });
    return id;
  });
}

function fieldsOf(params: Params, position: number): Record<string, unknown> {
  const fields = asRecord(param(params, 'FIELDS', position));
  if (!fields || (asText(fields.POST_MESSAGE) ?? '').trim() === '') throw wrongArgs('Param #2 (arFields) must contain POST_MESSAGE');
  return fields;
}

function add(ctx: CallContext, params: Params): { result: unknown } {
  const task = visibleTask(ctx, taskIdOf(params, 'TASKID', 0));
  if (!task) throw noPermission();
  const fields = fieldsOf(params, 1);
  const authorId = asInt(fields.AUTHOR_ID) ?? ctx.actor.userId;
  if (!ctx.state.user(authorId)) throw noPermission();
  const message = asText(fields.POST_MESSAGE) ?? '';
  if (task.card === 'chat') return { result: postChatMessage(ctx, task, authorId, message) };
  const id = ctx.state.nextId('comment');
  const postDate = asText(fields.POST_DATE);
  const comment: CommentRecord = { id, taskId: task.id, authorId, message, postDate: ctx.now, attachments: attach(ctx, task.id, fields.UF_FORUM_MESSAGE_DOC) };
  if (postDate) comment.postDate = Date.parse(postDate) || ctx.now;
  ctx.state.comments.set(id, comment);
  ctx.events.emit({ event: 'ONTASKCOMMENTADD', taskId: task.id, commentId: id }, ctx.actor.userId);
  return { result: id };
}

function get(ctx: CallContext, params: Params): { result: unknown } {
  const task = taskOf(ctx, params, true);
  return { result: render(ctx, commentOf(ctx, task, params)) };
}

function getlist(ctx: CallContext, params: Params): { result: unknown } {
  const task = taskOf(ctx, params, true);
  const order = asRecord(param(params, 'ORDER', 1)) ?? {};
  const filter = asRecord(param(params, 'FILTER', 2)) ?? {};
  for (const key of Object.keys(order)) {
    if (!['ID', 'AUTHOR_ID', 'POST_DATE'].includes(key.toUpperCase())) {
      throw wrongArgs(`Param #1 (arOrder) for method ctaskcommentitem::getlist() must not contain key "${key}".`);
    }
  }
  let rows = [...ctx.state.comments.values()].filter((c) => c.taskId === task.id);
  for (const [key, raw] of Object.entries(filter)) {
    const m = /^(>=|<=|>|<|!)?(ID|AUTHOR_ID|POST_DATE)$/.exec(key.toUpperCase());
    if (!m) throw wrongArgs(`Param #2 (arFilter) for method ctaskcommentitem::getlist() must not contain key "${key}".`);
    const op = m[1] ?? '';
    const value = m[2] === 'POST_DATE' ? Date.parse(asText(raw) ?? '') : Number(asText(raw));
    const pick = (c: CommentRecord): number => (m[2] === 'ID' ? c.id : m[2] === 'AUTHOR_ID' ? c.authorId : c.postDate);
    rows = rows.filter((c) => {
      const v = pick(c);
      return op === '>=' ? v >= value : op === '<=' ? v <= value : op === '>' ? v > value : op === '<' ? v < value : op === '!' ? v !== value : v === value;
    });
  }
  const [orderKey, dir] = Object.entries(order)[0] ?? ['ID', 'asc'];
  const sign = String(asText(dir) ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  const key = orderKey.toUpperCase();
  rows.sort((a, b) => sign * (key === 'AUTHOR_ID' ? a.authorId - b.authorId : key === 'POST_DATE' ? a.postDate - b.postDate || a.id - b.id : a.id - b.id));
  return { result: rows.map((c) => render(ctx, c)) };
}

function mayChange(ctx: CallContext, c: CommentRecord): boolean {
  return c.authorId === ctx.actor.userId || ctx.state.user(ctx.actor.userId)?.admin === true;
}

function update(ctx: CallContext, params: Params): { result: unknown } {
  const task = taskOf(ctx, params, true);
  const comment = commentOf(ctx, task, params);
  if (!mayChange(ctx, comment)) throw notFound();
  const fields = fieldsOf(params, 2);
  comment.message = asText(fields.POST_MESSAGE) ?? comment.message;
  if (fields.UF_FORUM_MESSAGE_DOC !== undefined) comment.attachments = attach(ctx, task.id, fields.UF_FORUM_MESSAGE_DOC);
  ctx.events.emit({ event: 'ONTASKCOMMENTUPDATE', taskId: task.id, commentId: comment.id }, ctx.actor.userId);
  return { result: true };
}

function remove(ctx: CallContext, params: Params): { result: unknown } {
  const task = taskOf(ctx, params, true);
  const comment = commentOf(ctx, task, params);
  if (!mayChange(ctx, comment)) throw notFound();
  ctx.state.comments.delete(comment.id);
  ctx.events.emit({ event: 'ONTASKCOMMENTDELETE', taskId: task.id, commentId: comment.id }, ctx.actor.userId);
  return { result: true };
}

export const commentMethods: MethodTable = {
  'task.commentitem.add': { scope: 'task', write: true, run: add },
  'task.commentitem.get': { scope: 'task', run: get },
  'task.commentitem.getlist': { scope: 'task', run: getlist },
  'task.commentitem.update': { scope: 'task', write: true, run: update },
  'task.commentitem.delete': { scope: 'task', write: true, run: remove },
};
