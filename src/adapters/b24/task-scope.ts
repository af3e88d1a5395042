/**
 * Where a task stands for a comment or file job (its workgroup, its chat), read together with the legacy comment
 * the job is about: one request either way, so checking the pair's scope costs comment jobs no extra call.
 */
import { z } from 'zod';
import type { B24Comment } from '../../core/remote/b24';
import type { B24Port, B24TaskScope } from '../../ports/b24';
import { parseReply } from '../reply';
import { runBatch } from './batch';
import { isMissingComment, positional } from './comments';
import { translateB24Failure } from './errors';
import type { B24Caller } from './request';
import { commentSchema, idString } from './schemas';

const SCOPE_SELECT = ['ID', 'GROUP_ID', 'CHAT_ID'];

/** tasks.task.get answers `result: []` for a task that is gone or invisible to the integration user. */
const scopeSchema = z.union([
  z
    .object({ task: z.object({ id: idString, groupId: idString.default('0'), chatId: idString.nullish() }) })
    .transform(({ task }): B24TaskScope => ({
      id: task.id,
      groupId: task.groupId,
      chatId: task.chatId === undefined || task.chatId === null || task.chatId === '0' ? null : task.chatId,
    })),
  z.array(z.never()).transform(() => null),
]);

export const taskScopeEndpoint = (c: B24Caller, now: () => number): Pick<B24Port, 'getTaskScope'> => ({
  async getTaskScope(taskId, commentId) {
    const taskGet = { method: 'tasks.task.get', params: { taskId, select: SCOPE_SELECT } };
    if (commentId === undefined)
      return { task: (await c.call(taskGet.method, taskGet.params, scopeSchema)).result, comment: null };
    const { results, errors } = await runBatch(
      c,
      { task: taskGet, comment: { method: 'task.commentitem.get', params: positional(taskId, commentId) } },
      false,
    );
    if (errors.task !== undefined) throw translateB24Failure('Bitrix24 batch tasks.task.get', 200, errors.task, now());
    const task = parseReply(scopeSchema, results.task, 'Bitrix24 batch tasks.task.get', 'b24:batch');
    let comment: B24Comment | null = null;
    if (errors.comment !== undefined) {
      const failure = translateB24Failure('Bitrix24 batch task.commentitem.get', 200, errors.comment, now());
      if (!isMissingComment(failure)) throw failure;
    } else if (task !== null) {
      comment = parseReply(commentSchema(taskId), results.comment, 'Bitrix24 batch task.commentitem.get', 'b24:batch');
    }
    return { task, comment };
  },
});
