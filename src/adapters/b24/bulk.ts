/**
 * The migration's batched task calls: many `tasks.task.list` pages, and up to 50 `tasks.task.add`,
 * `tasks.task.update` or `task.commentitem.add` / `getlist` per `batch` request. A command that fails comes back as
 * its own outcome, with its error typed as a single call's would be (a limit inside a batch is retryable); the
 * others stand.
 */
import { z } from 'zod';
import type { B24Comment } from '../../core/remote/b24';
import type { B24BatchCommand, B24Outcome, B24Port } from '../../ports/b24';
import { parseReply } from '../reply';
import { MAX_BATCH_COMMANDS, runBatch } from './batch';
import { positional } from './comments';
import { translateB24Failure } from './errors';
import type { B24Caller } from './request';
import { TASK_SELECT, commentSchema, idString, taskSchema } from './schemas';

type BulkEndpoints = Pick<B24Port, 'listTaskPages' | 'addTasks' | 'updateTasks' | 'addComments' | 'getCommentLists'>;

const addReply = z.object({ task: taskSchema });
const listReply = z.object({ tasks: z.array(taskSchema) });
const countsReply = z.object({
  tasks: z.array(z.looseObject({ id: idString, commentsCount: z.union([z.string(), z.number()]).nullish() })),
});

/** Runs the commands in batches of 50 and parses each result; a failed command becomes `{ ok: false }`. */
async function each<T>(
  caller: B24Caller,
  now: () => number,
  commands: B24BatchCommand[],
  parse: (value: unknown, index: number) => T,
): Promise<B24Outcome<T>[]> {
  const out: B24Outcome<T>[] = [];
  for (let from = 0; from < commands.length; from += MAX_BATCH_COMMANDS) {
    const chunk = commands.slice(from, from + MAX_BATCH_COMMANDS);
    const { results, errors } = await runBatch(caller, Object.fromEntries(chunk.map((c, i) => [`c${i}`, c])), false);
    chunk.forEach((command, i) => {
      const error = errors[`c${i}`];
      if (error !== undefined)
        out.push({ ok: false, error: translateB24Failure(`Bitrix24 batch ${command.method}`, 200, error, now()) });
      else out.push({ ok: true, value: parse(results[`c${i}`], from + i) });
    });
  }
  return out;
}

export const bulkEndpoints = (c: B24Caller, now: () => number): BulkEndpoints => ({
  async listTaskPages(options) {
    const select = [...TASK_SELECT, 'COMMENTS_COUNT', ...(options.userFields ?? [])];
    const commands = options.starts.map((start) => ({
      method: 'tasks.task.list',
      params: { select, filter: options.filter, order: options.order, start },
    }));
    const commentCounts = new Map<string, number>();
    const pages = await each(c, now, commands, (value) => {
      // COMMENTS_COUNT is not part of the task model: it is read from the same rows beside it.
      for (const row of parseReply(countsReply, value, 'Bitrix24 batch tasks.task.list', 'b24:batch').tasks) {
        const count = Number(row.commentsCount ?? 0);
        if (count > 0) commentCounts.set(row.id, count);
      }
      return parseReply(listReply, value, 'Bitrix24 batch tasks.task.list', 'b24:batch').tasks;
    });
    return {
      pages: pages.map((page) => {
        if (!page.ok) throw page.error;
        return page.value;
      }),
      commentCounts,
    };
  },

  async addTasks(fields) {
    const commands = fields.map((f) => ({ method: 'tasks.task.add', params: { fields: f } }));
    return each(
      c,
      now,
      commands,
      (value) => parseReply(addReply, value, 'Bitrix24 batch tasks.task.add', 'b24:batch').task,
    );
  },

  async updateTasks(updates) {
    return each(
      c,
      now,
      updates.map((u) => ({ method: 'tasks.task.update', params: { taskId: u.taskId, fields: u.fields } })),
      () => null,
    );
  },

  async addComments(comments) {
    const commands = comments.map((m) => ({
      method: 'task.commentitem.add',
      params: positional(m.taskId, { POST_MESSAGE: m.message }),
    }));
    return each(c, now, commands, (value) =>
      parseReply(idString, value, 'Bitrix24 batch task.commentitem.add', 'b24:batch'),
    );
  },

  async getCommentLists(taskIds) {
    const commands = taskIds.map((taskId) => ({
      method: 'task.commentitem.getlist',
      params: positional(taskId, { POST_DATE: 'asc' }),
    }));
    return each(c, now, commands, (value, index): B24Comment[] =>
      parseReply(
        z.array(commentSchema(taskIds[index] ?? '')),
        value,
        'Bitrix24 batch task.commentitem.getlist',
        'b24:batch',
      ),
    );
  },
});
