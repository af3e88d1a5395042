/**
 * Bitrix24 event deliveries → a validated `B24Event`. Only ids and the sender's identity are kept: the consumer
 * re-reads the task, and the triggering user's OAuth tokens (sent with app events) are dropped here so they can
 * never reach a queue, a log or storage.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { B24ChangeHint } from '../../ports/b24';
import { FormBodyError, parseFormBody } from './b24-form-body';

export interface B24EventAuth {
  domain: string;
  memberId: string;
  /** Compared in constant time with the stored one by the web trigger. */
  applicationToken: string;
  clientEndpoint?: string;
}

interface Base {
  /** The event name as sent, upper case (ONTASKADD…). */
  event: string;
  auth: B24EventAuth;
  /** Delivery time, seconds since the epoch, when sent. */
  ts?: number;
}

export type B24Event =
  | (Base & B24ChangeHint)
  /** ONAPPUNINSTALL: the app was removed from the portal; `clean` is the person's "Clear application data" choice. */
  | (Base & { kind: 'app-uninstalled'; clean: boolean })
  | { kind: 'unknown'; event: string; auth?: B24EventAuth };

const TASK_KINDS = { ONTASKADD: 'task-added', ONTASKUPDATE: 'task-updated', ONTASKDELETE: 'task-deleted' } as const;
const COMMENT_KINDS = {
  ONTASKCOMMENTADD: 'comment-added',
  ONTASKCOMMENTUPDATE: 'comment-updated',
  ONTASKCOMMENTDELETE: 'comment-deleted',
} as const;

const id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
/** B24 sends the literal string "undefined" for an absent side (e.g. FIELDS_BEFORE of ONTASKADD). */
const absent = z.union([z.literal('undefined'), z.literal(''), z.array(z.never()), z.undefined()]);

const authSchema = z
  .object({
    domain: z.string().min(1),
    member_id: z.string().min(1),
    application_token: z.string().min(1),
    client_endpoint: z.string().optional(),
  })
  .transform((a) => ({
    domain: a.domain,
    memberId: a.member_id,
    applicationToken: a.application_token,
    ...(a.client_endpoint === undefined ? {} : { clientEndpoint: a.client_endpoint }),
  }));

const envelopeSchema = z.object({
  event: z
    .string()
    .min(1)
    .transform((e) => e.toUpperCase()),
  ts: z
    .union([z.string().regex(/^\d+$/), z.number()])
    .transform(Number)
    .optional(),
  auth: authSchema,
  data: z.unknown(),
});

const taskFields = z.object({ ID: id });
const taskDataSchema = z.object({
  FIELDS_BEFORE: z.union([taskFields, absent]),
  FIELDS_AFTER: z.union([taskFields, absent]),
});
const taskIdOf = (fields: z.infer<typeof taskDataSchema>['FIELDS_AFTER']): string | undefined =>
  fields !== undefined && typeof fields === 'object' && !Array.isArray(fields) ? fields.ID : undefined;
const commentFields = z.object({ ID: id, TASK_ID: id, MESSAGE_ID: id.optional() });
const commentDataSchema = z.object({ FIELDS_AFTER: commentFields });
/** common/events/on-app-uninstall.md: `data` is LANGUAGE_ID and CLEAN (1 or 0); the form body makes both strings. */
const uninstallDataSchema = z.object({
  LANGUAGE_ID: z.string().optional(),
  CLEAN: z.union([z.enum(['0', '1']), z.literal(0), z.literal(1)]).transform(String),
});

const malformed = (detail: string, cause?: unknown): PermanentError =>
  new PermanentError('validation', `Malformed Bitrix24 event: ${detail}`, { code: 'b24-event:malformed', cause });

const parse = <T>(schema: z.ZodType<T>, data: unknown, what: string): T => {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw malformed(`${what}: ${z.prettifyError(parsed.error)}`, parsed.error);
  return parsed.data;
};

const isKey = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

/** Parses an already-decoded delivery (e.g. the JSON the docs print). */
export const parseB24EventObject = (payload: unknown): B24Event => {
  const name = z.object({ event: z.string() }).safeParse(payload);
  if (!name.success) throw malformed('no "event" field');
  const event = name.data.event.toUpperCase();
  if (event === 'ONAPPUNINSTALL') {
    const envelope = parse(envelopeSchema, payload, event);
    const data = parse(uninstallDataSchema, envelope.data, `${event} data`);
    return {
      event,
      auth: envelope.auth,
      ...(envelope.ts === undefined ? {} : { ts: envelope.ts }),
      kind: 'app-uninstalled',
      clean: data.CLEAN === '1',
    };
  }
  if (!isKey(TASK_KINDS, event) && !isKey(COMMENT_KINDS, event)) {
    const auth = authSchema.safeParse(z.object({ auth: z.unknown() }).safeParse(payload).data?.auth);
    return auth.success ? { kind: 'unknown', event, auth: auth.data } : { kind: 'unknown', event };
  }
  const envelope = parse(envelopeSchema, payload, event);
  const base: Base = { event, auth: envelope.auth, ...(envelope.ts === undefined ? {} : { ts: envelope.ts }) };
  return { ...base, ...changeOf(event, envelope.data) };
};

/** The task or comment a task event's `data` names; a task event without readable ids is malformed. */
function changeOf(
  event: Extract<keyof typeof TASK_KINDS | keyof typeof COMMENT_KINDS, string>,
  payloadData: unknown,
): B24ChangeHint {
  if (isKey(TASK_KINDS, event)) {
    const data = parse(taskDataSchema, payloadData, `${event} data`);
    const taskId = taskIdOf(data.FIELDS_AFTER) ?? taskIdOf(data.FIELDS_BEFORE);
    if (taskId === undefined) throw malformed(`${event} carries no task ID`);
    return { kind: TASK_KINDS[event], taskId };
  }
  const fields = parse(commentDataSchema, payloadData, `${event} data`).FIELDS_AFTER;
  return {
    kind: COMMENT_KINDS[event],
    taskId: fields.TASK_ID,
    commentId: fields.ID === '0' ? null : fields.ID,
    ...(fields.MESSAGE_ID === undefined ? {} : { messageId: fields.MESSAGE_ID }),
  };
}

/**
 * An offline queue record's EVENT_NAME and EVENT_DATA (event.offline.get): the same ids, read by the same rules as
 * a delivery's `data`. There is no `auth` to verify: the record came back from the connected portal's own REST.
 * Throws a PermanentError (validation) for anything but a readable task or comment event.
 */
export const parseB24ChangeData = (eventName: string, data: unknown): B24ChangeHint => {
  const event = eventName.toUpperCase();
  if (!isKey(TASK_KINDS, event) && !isKey(COMMENT_KINDS, event))
    throw malformed(`${event || 'an unnamed event'} is not a task event`);
  return changeOf(event, data);
};

/** Parses the raw web-trigger body (application/x-www-form-urlencoded, PHP-style keys). */
export const parseB24EventBody = (body: string): B24Event => {
  if (body.trim() === '') throw malformed('empty body');
  try {
    return parseB24EventObject(parseFormBody(body));
  } catch (e) {
    if (e instanceof FormBodyError) throw malformed(e.message, e);
    throw e;
  }
};
