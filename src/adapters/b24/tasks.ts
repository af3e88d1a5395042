/**
 * tasks.task.* endpoints, the status actions, and the one-request read of a task with its legacy comments.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { B24Comment } from '../../core/remote/b24';
import type { B24Port } from '../../ports/b24';
import { parseReply } from '../reply';
import { runBatch } from './batch';
import { positional } from './comments';
import { translateB24Failure } from './errors';
import type { B24Caller } from './request';
import { TASK_SELECT, commentSchema, taskGetSchema, taskSchema } from './schemas';

const select = (userFields: string[] = []): string[] => [...TASK_SELECT, ...userFields];

type TaskEndpoints = Pick<
  B24Port,
  | 'getTask'
  | 'listTasks'
  | 'addTask'
  | 'updateTask'
  | 'deleteTask'
  | 'runTaskAction'
  | 'addTaskAuditor'
  | 'getTaskWithComments'
>;

export const taskEndpoints = (c: B24Caller, now: () => number): TaskEndpoints => ({
  async getTask(taskId, options = {}) {
    return (await c.call('tasks.task.get', { taskId, select: select(options.userFields) }, taskGetSchema)).result;
  },

  async listTasks(options = {}) {
    const params = {
      select: select(options.userFields),
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.order === undefined ? {} : { order: options.order }),
      ...(options.start === undefined ? {} : { start: options.start }),
    };
    const reply = await c.call('tasks.task.list', params, z.object({ tasks: z.array(taskSchema) }));
    return {
      tasks: reply.result.tasks,
      ...(reply.next === undefined ? {} : { next: reply.next }),
      ...(reply.total === undefined ? {} : { total: reply.total }),
    };
  },

  async addTask(fields) {
    return (await c.call('tasks.task.add', { fields }, z.object({ task: taskSchema }))).result.task;
  },

  async updateTask(taskId, fields) {
    await c.call('tasks.task.update', { taskId, fields }, z.unknown());
  },

  async deleteTask(taskId) {
    await c.call('tasks.task.delete', { taskId }, z.unknown());
  },

  async runTaskAction(taskId, action) {
    await c.call(`tasks.task.${action}`, { taskId }, z.unknown());
  },

  async addTaskAuditor(taskId, userId) {
    // AUDITORS is replaced wholesale on update, so the current observers are read first.
    const reply = await c.call(
      'tasks.task.get',
      { taskId, select: ['ID', 'AUDITORS'] },
      z.union([
        z.object({
          task: z.object({ auditors: z.array(z.union([z.string(), z.number()]).transform(String)).optional() }),
        }),
        z.array(z.never()),
      ]),
    );
    const current = Array.isArray(reply.result) ? [] : (reply.result.task.auditors ?? []);
    if (current.includes(userId)) return;
    await c.call('tasks.task.update', { taskId, fields: { AUDITORS: [...current, userId] } }, z.unknown());
  },

  async getTaskWithComments(taskId, options = {}) {
    const { results, errors } = await runBatch(
      c,
      {
        task: { method: 'tasks.task.get', params: { taskId, select: select(options.userFields) } },
        comments: { method: 'task.commentitem.getlist', params: positional(taskId, { POST_DATE: 'asc' }) },
      },
      false,
    );
    const taskError = errors.task;
    if (taskError !== undefined) {
      throw translateB24Failure('Bitrix24 batch tasks.task.get', 200, taskError, now());
    }
    const task = parseReply(taskGetSchema, results.task, 'Bitrix24 batch tasks.task.get', 'b24:batch');
    const commentError = errors.comments;
    let comments: B24Comment[] = [];
    if (commentError !== undefined) {
      const failure = translateB24Failure('Bitrix24 batch task.commentitem.getlist', 200, commentError, now());
      // New-card portals refuse getlist: their comments live in the task chat, so "no legacy comments" is right.
      if (!(failure instanceof PermanentError)) throw failure;
    } else if (task !== null) {
      comments = parseReply(
        z.array(commentSchema(taskId)),
        results.comments ?? [],
        'Bitrix24 batch task.commentitem.getlist',
        'b24:batch',
      );
    }
    return { task, comments };
  },
});
