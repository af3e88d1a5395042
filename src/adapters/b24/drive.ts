/** Drive storages: the acting person's own (webhook mode) or the app's (OAuth mode), with their root folders. */
import { z } from 'zod';
import type { B24Port } from '../../ports/b24';
import type { B24Caller } from './request';
import { idString } from './schemas';

type DriveEndpoints = Pick<B24Port, 'getUserStorage' | 'getAppStorage'>;

const storageSchema = z
  .object({ ID: idString, ENTITY_TYPE: z.string(), ENTITY_ID: idString, ROOT_OBJECT_ID: idString })
  .transform((s) => ({ id: s.ID, entityType: s.ENTITY_TYPE, entityId: s.ENTITY_ID, rootFolderId: s.ROOT_OBJECT_ID }));

export const driveEndpoints = (c: B24Caller): DriveEndpoints => ({
  async getUserStorage(userId) {
    const filter = { ENTITY_TYPE: 'user', ENTITY_ID: userId };
    const { result } = await c.call('disk.storage.getlist', { filter }, z.array(storageSchema));
    // Checked again in the reply: a portal that ignored the filter must not hand us someone else's drive.
    const own = result.find((s) => s.entityType === 'user' && s.entityId === userId);
    return own ? { id: own.id, rootFolderId: own.rootFolderId } : null;
  },

  async getAppStorage() {
    const { result } = await c.call('disk.storage.getforapp', {}, storageSchema);
    return { id: result.id, rootFolderId: result.rootFolderId };
  },
});
