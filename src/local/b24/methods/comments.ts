/**
 * Legacy task comments (task.commentitem.*). Positional only (`[TASKID, …]`, see positional.ts), with the error
 * codes and texts of each method's documented table. On chat-card tasks add posts to the task chat (chat-style
 * event) and the other four refuse, as the docs say they stop working there.
 */
import type { CallContext, MethodTable } from '../context';
import { formatPortalDate } from '../dates';
import { B24Error } from '../envelope';
import { asInt, asList, asRecord, asText, type Params } from '../params';
import { positionalArgs, positionalInt, wrongArguments, type PositionalSignature } from '../positional';
import type { CommentRecord, TaskRecord } from '../state';
import { postChatMessage } from './chat';
import { visibleTask } from './task-access';
import { attachmentInfo } from './disk';

const core = (text: string): B24Error => new B24Error('ERROR_CORE', `${text}.<br>`);
const notFound = (): B24Error =>
  core(
    'TASKS_ERROR_EXCEPTION_#512; Check listitem not found or not accessible; 512/TE/ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE',
  );
const notAllowed = (): B24Error => core('TASKS_ERROR_EXCEPTION_#4; Action is not allowed; 4/TE/ACTION_NOT_ALLOWED');
const actionFailed = (): B24Error =>
  core('TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED');
const noPermission = (): B24Error => core('Insufficient permissions to add a comment');
const chatCard = (): B24Error => wrongArguments('Comments of this task live in the task chat (new task card)');

const sig = (name: string, names: string[], required: number): PositionalSignature => ({
  method: `ctaskcommentitem::${name}`,
  names,
  required,
});
const ADD = sig('add', ['taskId', 'arFields'], 2);
const GET = sig('get', ['taskId', 'itemId'], 2);
const GETLIST = sig('getlist', ['taskId', 'arOrder', 'arFilter'], 1);
const UPDATE = sig('update', ['taskId', 'itemId', 'arFields'], 3);
const DELETE = sig('delete', ['taskId', 'itemId'], 2);

const ADD_FIELDS = ['POST_MESSAGE', 'AUTHOR_ID', 'POST_DATE', 'UF_FORUM_MESSAGE_DOC'];
const UPDATE_FIELDS = ['POST_MESSAGE', 'UF_FORUM_MESSAGE_DOC'];
const ORDER_KEYS = ['ID', 'AUTHOR_ID', 'AUTHOR_NAME', 'AUTHOR_EMAIL', 'POST_DATE'];

interface Target {
  task: TaskRecord;
  args: unknown[];
}

/** The task of a read/update/delete; `missing` is the documented refusal for an unknown or invisible one. */
function taskOf(ctx: CallContext, params: Params, s: PositionalSignature, missing: () => B24Error): Target {
  const args = positionalArgs(params, s);
  const task = visibleTask(ctx, positionalInt(args, 0, s));
  if (!task) throw missing();
  if (task.card === 'chat') throw chatCard();
  return { task, args };
}

function commentOf(
  ctx: CallContext,
  { task, args }: Target,
  s: PositionalSignature,
  missing: () => B24Error,
): CommentRecord {
  const id = positionalInt(args, 1, s);
  const comment = ctx.state.comments.get(id);
  if (!comment || comment.taskId !== task.id) throw missing();
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
    if (!file) throw core('File not found');
    const id = ctx.state.nextId('attachment');
    ctx.state.attachments.set(id, {
      id,
      objectId: file.id,
      entityId: taskId,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    return id;
  });
}

/** arFields: only the documented keys (case as documented), POST_MESSAGE not empty. */
function fieldsAt(
  args: unknown[],
  index: number,
  s: PositionalSignature,
  allowed: string[],
  emptyText: string,
): Record<string, unknown> {
  const fields = asRecord(args[index]) ?? {};
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key))
      throw wrongArguments(`Param #${index} (arFields) for method ${s.method}() must not contain key \`${key}\`.`);
  }
  if ((asText(fields.POST_MESSAGE) ?? '').trim() === '') throw new B24Error('ERROR_CORE', emptyText);
  return fields;
}

function add(ctx: CallContext, params: Params): { result: unknown } {
  const args = positionalArgs(params, ADD);
  const task = visibleTask(ctx, positionalInt(args, 0, ADD));
  if (!task) throw noPermission();
  const fields = fieldsAt(args, 1, ADD, ADD_FIELDS, 'Comment text is not specified.<br>');
  const authorId = asInt(fields.AUTHOR_ID) ?? ctx.actor.userId;
  if (!ctx.state.user(authorId)) throw noPermission();
  const message = asText(fields.POST_MESSAGE) ?? '';
  if (task.card === 'chat') return { result: postChatMessage(ctx, task, authorId, message) };
  const id = ctx.state.nextId('comment');
  const postDate = asText(fields.POST_DATE);
  const comment: CommentRecord = {
    id,
    taskId: task.id,
    authorId,
    message,
    postDate: ctx.now,
    attachments: attach(ctx, task.id, fields.UF_FORUM_MESSAGE_DOC),
  };
  if (postDate) comment.postDate = Date.parse(postDate) || ctx.now;
  ctx.state.comments.set(id, comment);
  ctx.events.emit({ event: 'ONTASKCOMMENTADD', taskId: task.id, commentId: id }, ctx.actor.userId);
  return { result: id };
}

function get(ctx: CallContext, params: Params): { result: unknown } {
  const target = taskOf(ctx, params, GET, notFound);
  return { result: render(ctx, commentOf(ctx, target, GET, notFound)) };
}

type Column = (c: CommentRecord, ctx: CallContext) => number | string;
const COLUMNS: Record<string, Column> = {
  ID: (c) => c.id,
  AUTHOR_ID: (c) => c.authorId,
  AUTHOR_NAME: (c, ctx) => ctx.state.userName(c.authorId),
  AUTHOR_EMAIL: () => '',
  POST_DATE: (c) => c.postDate,
};

function filterRows(ctx: CallContext, rows: CommentRecord[], filter: Record<string, unknown>): CommentRecord[] {
  let out = rows;
  for (const [key, raw] of Object.entries(filter)) {
    // Keys are case-sensitive: `id` is as unknown as `%POST_DATE` (documented error).
    const m = /^(>=|<=|>|<|!)?(ID|AUTHOR_ID|AUTHOR_NAME|POST_DATE)$/.exec(key);
    if (!m)
      throw wrongArguments(`Param #2 (arFilter) for method ctaskcommentitem::getlist() must not contain key "${key}".`);
    const [, op = '', field = 'ID'] = m;
    const pick = COLUMNS[field] as Column;
    const values = asList(raw).map((v) =>
      field === 'POST_DATE'
        ? Date.parse(asText(v) ?? '')
        : field === 'AUTHOR_NAME'
          ? (asText(v) ?? '')
          : Number(asText(v)),
    );
    out = out.filter((c) => {
      const v = pick(c, ctx);
      const hit = (x: number | string): boolean =>
        op === '>=' ? v >= x : op === '<=' ? v <= x : op === '>' ? v > x : op === '<' ? v < x : v === x;
      return op === '!' ? !values.some((x) => v === x) : values.some(hit);
    });
  }
  return out;
}

function getlist(ctx: CallContext, params: Params): { result: unknown } {
  const { task, args } = taskOf(ctx, params, GETLIST, actionFailed);
  const order = asRecord(args[1]) ?? {};
  const filter = asRecord(args[2]) ?? {};
  for (const key of Object.keys(order)) {
    if (!ORDER_KEYS.includes(key))
      throw wrongArguments(`Param #1 (arOrder) for method ctaskcommentitem::getlist() must not contain key "${key}".`);
  }
  const rows = filterRows(
    ctx,
    [...ctx.state.comments.values()].filter((c) => c.taskId === task.id),
    filter,
  );
  // Documented default: descending by comment id.
  const [orderKey, dir] = Object.entries(order)[0] ?? ['ID', 'desc'];
  const sign = String(asText(dir) ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  const pick = COLUMNS[orderKey] as Column;
  rows.sort((a, b) => {
    const x = pick(a, ctx);
    const y = pick(b, ctx);
    return sign * (x === y ? a.id - b.id : x < y ? -1 : 1);
  });
  return { result: rows.map((c) => render(ctx, c)) };
}

function mayChange(ctx: CallContext, c: CommentRecord): boolean {
  return c.authorId === ctx.actor.userId || ctx.state.user(ctx.actor.userId)?.admin === true;
}

function update(ctx: CallContext, params: Params): { result: unknown } {
  const target = taskOf(ctx, params, UPDATE, notAllowed);
  const comment = commentOf(ctx, target, UPDATE, notAllowed);
  if (!mayChange(ctx, comment)) throw notAllowed();
  const fields = fieldsAt(target.args, 2, UPDATE, UPDATE_FIELDS, 'Comment text not specified.<br>');
  comment.message = asText(fields.POST_MESSAGE) ?? comment.message;
  if (fields.UF_FORUM_MESSAGE_DOC !== undefined)
    comment.attachments = attach(ctx, target.task.id, fields.UF_FORUM_MESSAGE_DOC);
  ctx.events.emit({ event: 'ONTASKCOMMENTUPDATE', taskId: target.task.id, commentId: comment.id }, ctx.actor.userId);
  return { result: true };
}

function remove(ctx: CallContext, params: Params): { result: unknown } {
  const target = taskOf(ctx, params, DELETE, notAllowed);
  const comment = commentOf(ctx, target, DELETE, notAllowed);
  if (!mayChange(ctx, comment)) throw notAllowed();
  ctx.state.comments.delete(comment.id);
  ctx.events.emit({ event: 'ONTASKCOMMENTDELETE', taskId: target.task.id, commentId: comment.id }, ctx.actor.userId);
  return { result: true };
}

export const commentMethods: MethodTable = {
  'task.commentitem.add': { scope: 'task', write: true, run: add },
  'task.commentitem.get': { scope: 'task', run: get },
  'task.commentitem.getlist': { scope: 'task', run: getlist },
  'task.commentitem.update': { scope: 'task', write: true, run: update },
  'task.commentitem.delete': { scope: 'task', write: true, run: remove },
};
