/**
 * zod schemas for Bitrix24 replies, producing the shapes of core/remote/b24. B24 mixes strings and numbers for
 * ids (tasks.task.* strings, im.* numbers), so ids are accepted as either and kept as strings.
 */
import { z } from 'zod';
import type { B24Comment, B24Group, B24Task, B24User } from '../../core/remote/b24';
import type { B24ChatMessage } from '../../ports/b24';

export const idString = z.union([z.string(), z.number()]).transform(String);
const yesNo = z.enum(['Y', 'N']);

/** What the mapping reads; tasks.task.* return only what is selected (and the docs say always select). */
export const TASK_SELECT = [
  'ID',
  'TITLE',
  'DESCRIPTION',
  'STATUS',
  'PRIORITY',
  'RESPONSIBLE_ID',
  'CREATED_BY',
  'GROUP_ID',
  'DEADLINE',
  'CREATED_DATE',
  'CHANGED_DATE',
  'XML_ID',
  'TASK_CONTROL',
  'UF_TASK_WEBDAV_FILES',
];

const ATTACHMENTS_KEY = 'ufTaskWebdavFiles';
/** ufTaskWebdavFiles reads back task attachment ids, or `false` when the task has none. */
const attachmentIdsSchema = z.array(idString).catch([]);

/** UF fields come back camelised (ufCrmTask, ufAuto123) although they are written as UF_CRM_TASK. */
const isUserField = (key: string): boolean => /^uf[A-Z0-9_]/.test(key) || key.startsWith('UF_');

export const taskSchema: z.ZodType<B24Task> = z
  .looseObject({
    id: idString,
    title: z.string(),
    description: z.string().nullable().default(''),
    descriptionInBbcode: yesNo.default('Y'),
    status: idString,
    priority: idString,
    responsibleId: idString,
    // Absent only when a caller narrows `select`; "0" is B24's own "nobody/none".
    createdBy: idString.default('0'),
    groupId: idString.default('0'),
    deadline: z.string().nullable().default(null),
    createdDate: z.string().default(''),
    changedDate: z.string().default(''),
    xmlId: z.string().nullable().default(null),
    taskControl: yesNo.default('N'),
  })
  .transform((t) => {
    const userFields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(t))
      if (isUserField(key) && key !== ATTACHMENTS_KEY) userFields[key] = value;
    // Kept apart from userFields (a system field, not a mapping input) and left out when empty, so a task without
    // files reads exactly as before.
    const attachmentIds = attachmentIdsSchema.parse(t[ATTACHMENTS_KEY]);
    return {
      id: t.id,
      title: t.title,
      description: t.description ?? '',
      descriptionInBbcode: t.descriptionInBbcode,
      status: t.status,
      priority: t.priority,
      responsibleId: t.responsibleId,
      createdBy: t.createdBy,
      groupId: t.groupId,
      deadline: t.deadline === '' ? null : t.deadline,
      createdDate: t.createdDate,
      changedDate: t.changedDate,
      xmlId: t.xmlId === '' ? null : t.xmlId,
      taskControl: t.taskControl,
      userFields,
      ...(attachmentIds.length ? { attachmentIds } : {}),
    };
  });

/** tasks.task.get answers `result: []` for a missing or invisible task. */
export const taskGetSchema = z.union([
  z.object({ task: taskSchema }).transform((r) => r.task),
  z.array(z.never()).transform(() => null),
]);

export const commentSchema = (taskId: string): z.ZodType<B24Comment> =>
  z
    .object({
      ID: idString,
      AUTHOR_ID: idString,
      AUTHOR_NAME: z.string().default(''),
      POST_MESSAGE: z.string().default(''),
      POST_DATE: z.string(),
    })
    .transform((c) => ({
      id: c.ID,
      taskId,
      authorId: c.AUTHOR_ID,
      authorName: c.AUTHOR_NAME,
      message: c.POST_MESSAGE,
      postDate: c.POST_DATE,
    }));

export const userSchema: z.ZodType<B24User> = z
  .object({
    ID: idString,
    NAME: z.string().nullable().default(''),
    LAST_NAME: z.string().nullable().default(''),
    EMAIL: z.string().nullable().default(null),
    ACTIVE: z.union([z.boolean(), yesNo.transform((v) => v === 'Y')]).default(true),
  })
  .transform((u) => ({
    id: u.ID,
    name: u.NAME ?? '',
    lastName: u.LAST_NAME ?? '',
    email: u.EMAIL === '' ? null : u.EMAIL,
    active: u.ACTIVE,
  }));

export const groupSchema: z.ZodType<B24Group> = z
  .object({ ID: idString, NAME: z.string() })
  .transform((g) => ({ id: g.ID, name: g.NAME }));

export const chatMessageSchema: z.ZodType<B24ChatMessage> = z
  .object({ id: idString, chat_id: idString, author_id: idString, date: z.string(), text: z.string().default('') })
  .transform((m) => ({ id: m.id, chatId: m.chat_id, authorId: m.author_id, date: m.date, text: m.text }));
