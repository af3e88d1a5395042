/** tasks.task.add/update/get/list/delete. */
import type { CallContext, MethodTable } from '../context';
import { B24Error } from '../envelope';
import { asInt, asRecord, asText, isRecord, param, type Params } from '../params';
import type { TaskRecord } from '../state';
import { applyFields, checkRequired } from '../task-input';
import { taskFilter, taskOrder } from '../task-query';
import { renderTask } from '../task-render';
import { taskIdOf, touch, visibleTask, writableTask } from './task-access';

const PAGE = 50;

function fieldsOf(params: Params): Record<string, unknown> {
  const fields = asRecord(param(params, 'fields'));
  if (!fields || Object.keys(fields).length === 0) {
    throw new B24Error('100', 'Could not find value for parameter {fields} (internal error)');
  }
  return fields;
}

function selectOf(params: Params): string[] | undefined {
  const raw = param(params, 'select');
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    const shown = isRecord(raw) ? '{}' : String(asText(raw) ?? '');
    throw new B24Error(
      '100',
      `Invalid value ${shown} to match with parameter {select}. Should be value of type array. (internal error)`,
    );
  }
  return raw.map((x) => asText(x) ?? '').filter((x) => x !== '');
}

function newTask(ctx: CallContext, id: number): TaskRecord {
  const card = ctx.state.defaultCard;
  const chatId = card === 'chat' ? ctx.state.nextId('chat') : 0;
  if (chatId) ctx.state.chats.set(chatId, { taskId: id, messages: [] });
  return {
    id,
    title: '',
    description: '',
    descriptionInBbcode: 'Y',
    status: 2,
    priority: 1,
    responsibleId: ctx.actor.userId,
    createdBy: ctx.actor.userId,
    changedBy: ctx.actor.userId,
    statusChangedBy: null,
    closedBy: null,
    groupId: 0,
    parentId: null,
    deadline: null,
    startDatePlan: null,
    endDatePlan: null,
    createdDate: ctx.now,
    changedDate: ctx.now,
    statusChangedDate: ctx.now,
    closedDate: null,
    dateStart: null,
    xmlId: null,
    taskControl: 'N',
    accomplices: [],
    auditors: [],
    tags: [],
    uf: {},
    attachments: [],
    card,
    chatId,
  };
}

function add(ctx: CallContext, params: Params): { result: unknown } {
  const fields = fieldsOf(params);
  checkRequired(ctx, fields);
  const id = ctx.state.nextId('task');
  const task = newTask(ctx, id);
  applyFields(ctx, task, fields);
  ctx.state.tasks.set(id, task);
  ctx.events.emit({ event: 'ONTASKADD', taskId: id }, ctx.actor.userId);
  return { result: { task: renderTask(task, ctx) } };
}

function update(ctx: CallContext, params: Params): { result: unknown } {
  const task = writableTask(ctx, params);
  const fields = fieldsOf(params);
  // Validate on a copy so a rejected update changes nothing, as the portal's transaction would.
  const draft: TaskRecord = structuredClone(task);
  applyFields(ctx, draft, fields);
  Object.assign(task, draft);
  touch(ctx, task);
  ctx.events.emit({ event: 'ONTASKUPDATE', taskId: task.id }, ctx.actor.userId);
  return { result: { task: renderTask(task, ctx) } };
}

function get(ctx: CallContext, params: Params): { result: unknown } {
  const select = selectOf(params);
  const task = visibleTask(ctx, taskIdOf(params));
  return { result: task ? { task: renderTask(task, ctx, select) } : [] };
}

function list(ctx: CallContext, params: Params): { result: unknown; total?: number; next?: number } {
  const select = selectOf(params);
  const filter = asRecord(param(params, 'filter')) ?? {};
  const order = asRecord(param(params, 'order')) ?? {};
  const start = asInt(param(params, 'start')) ?? 0;
  const matches = [...ctx.state.tasks.values()]
    .filter((t) => ctx.state.canSee(t, ctx.actor.userId))
    .filter(taskFilter(ctx, filter))
    .sort(taskOrder(order));
  const offset = Math.max(0, start);
  const page = matches.slice(offset, offset + PAGE).map((t) => renderTask(t, ctx, select));
  const next = offset + PAGE < matches.length ? offset + PAGE : undefined;
  // start=-1 skips counting, as the docs advise for fast cursors.
  return {
    result: { tasks: page },
    ...(start === -1 ? {} : { total: matches.length }),
    ...(next !== undefined && start !== -1 ? { next } : {}),
  };
}

function remove(ctx: CallContext, params: Params): { result: unknown } {
  const task = visibleTask(ctx, taskIdOf(params));
  const admin = ctx.state.user(ctx.actor.userId)?.admin === true;
  // tasks-task-delete.md's own code for a task the caller may not delete.
  if (!task || (task.createdBy !== ctx.actor.userId && !admin))
    throw new B24Error('1048582', 'No access to delete the task');
  ctx.state.tasks.delete(task.id);
  for (const c of [...ctx.state.comments.values()]) if (c.taskId === task.id) ctx.state.comments.delete(c.id);
  if (task.chatId) ctx.state.chats.delete(task.chatId);
  ctx.events.emit({ event: 'ONTASKDELETE', taskId: task.id }, ctx.actor.userId);
  return { result: { task: true } };
}

export const taskMethods: MethodTable = {
  'tasks.task.add': { scope: 'task', write: true, run: add },
  'tasks.task.update': { scope: 'task', write: true, run: update },
  'tasks.task.get': { scope: 'task', run: get },
  'tasks.task.list': { scope: 'task', run: list },
  'tasks.task.delete': { scope: 'task', write: true, run: remove },
};
