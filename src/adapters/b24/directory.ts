/**
 * Users, workgroups, Drive upload, event bindings and the caller's own scope/profile.
 */
import { z } from 'zod';
import type { B24Port } from '../../ports/b24';
import type { B24Caller } from './request';
import { groupSchema, idString, userSchema } from './schemas';

type DirectoryEndpoints = Pick<
  B24Port,
  | 'getUser'
  | 'findUserByEmail'
  | 'getGroup'
  | 'listGroups'
  | 'uploadFile'
  | 'attachFileToTask'
  | 'bindEvent'
  | 'getEventBindings'
  | 'unbindEvent'
  | 'getScope'
  | 'getProfile'
>;

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const directoryEndpoints = (c: B24Caller): DirectoryEndpoints => ({
  async getUser(userId) {
    return (await c.call('user.get', { FILTER: { ID: userId } }, z.array(userSchema))).result[0] ?? null;
  },

  async findUserByEmail(email) {
    const users = (await c.call('user.get', { FILTER: { EMAIL: email } }, z.array(userSchema))).result;
    // FILTER.EMAIL is documented as exact; the comparison guards against portals that treat it as a pattern.
    return users.find((u) => u.email?.toLowerCase() === email.toLowerCase()) ?? null;
  },

  async getGroup(groupId) {
    return (await c.call('sonet_group.get', { FILTER: { ID: groupId } }, z.array(groupSchema))).result[0] ?? null;
  },

  async listGroups(start = 0) {
    const reply = await c.call('sonet_group.get', { ORDER: { NAME: 'ASC' }, start }, z.array(groupSchema));
    return reply.next === undefined ? { groups: reply.result } : { groups: reply.result, next: reply.next };
  },

  async uploadFile(folderId, name, content) {
    const params = {
      id: folderId,
      data: { NAME: name },
      fileContent: [name, toBase64(content)],
      generateUniqueName: true,
    };
    const schema = z.object({ ID: idString, DOWNLOAD_URL: z.string().optional() });
    const { result } = await c.call('disk.folder.uploadfile', params, schema);
    return result.DOWNLOAD_URL === undefined ? { id: result.ID } : { id: result.ID, downloadUrl: result.DOWNLOAD_URL };
  },

  async attachFileToTask(taskId, driveFileId) {
    const schema = z.object({ attachmentId: idString });
    return (await c.call('tasks.task.files.attach', { taskId, fileId: driveFileId }, schema)).result.attachmentId;
  },

  async bindEvent(event, handler) {
    await c.call('event.bind', { event, handler }, z.unknown());
  },

  async getEventBindings() {
    // event-get.md prints `offline` as 0 or 1.
    const offline = z
      .union([z.number(), z.string(), z.boolean()])
      .optional()
      .transform((v) => v === 1 || v === '1' || v === true);
    const schema = z.array(z.object({ event: z.string(), handler: z.string().default(''), offline }));
    return (await c.call('event.get', {}, schema)).result;
  },

  async unbindEvent(event, handler) {
    await c.call('event.unbind', { event, handler }, z.unknown());
  },

  async getScope() {
    return (await c.call('scope', {}, z.array(z.string()))).result;
  },

  async getProfile() {
    const schema = z.object({
      ID: idString,
      ADMIN: z.boolean().default(false),
      NAME: z.string().default(''),
      LAST_NAME: z.string().default(''),
    });
    const { result } = await c.call('profile', {}, schema);
    return { id: result.ID, admin: result.ADMIN, name: result.NAME, lastName: result.LAST_NAME };
  },
});
