/**
 * REST 3.0 (`/rest/api/…`): only tasks.task.chat.message.send is modelled. It answers `{result:{result:true}}`
 * with no message id, posts as the caller, and reports errors in the v3 `{error:{code,message,validation}}` shape.
 */
import type { CallContext } from '../context';
import { asInt, asRecord, asText, param, type Params } from '../params';
import { postChatMessage } from './chat';
import { visibleTask } from './task-access';

export class V3Error extends Error {
  constructor(
    readonly body: { code: string; message: string; validation?: { message: string; field: string }[] },
    readonly status = 400,
  ) {
    super(body.code);
  }
}

const required = (field: string): V3Error =>
  new V3Error({
    code: 'BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION',
    message: 'Error during object validation',
    validation: [{ message: `The required field "${field}" is not filled`, field }],
  });

export function chatMessageSend(ctx: CallContext, params: Params): { result: unknown } {
  const fields = asRecord(param(params, 'fields')) ?? {};
  const taskId = asInt(fields.taskId);
  if (taskId === undefined) throw required('taskId');
  const text = asText(fields.text) ?? '';
  if (text === '') throw required('text');
  const task = visibleTask(ctx, taskId);
  if (!task)
    throw new V3Error({ code: 'BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION', message: 'Entity not found' });
  if (task.card !== 'chat')
    throw new V3Error({ code: 'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION', message: 'Access denied' });
  postChatMessage(ctx, task, ctx.actor.userId, text);
  return { result: { result: true } };
}
