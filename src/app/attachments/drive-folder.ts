/**
 * Where Jira files are uploaded in Bitrix24: the root folder of the acting person's own Drive (webhook mode,
 * disk.storage.getlist filtered by ENTITY_TYPE user and ENTITY_ID) or of the app's storage (OAuth mode,
 * disk.storage.getforapp). Folder ids differ per portal, so none is assumed; the answer is kept in storage so it
 * costs one call once, and forgotten when the folder turns out to be gone.
 */
import { PermanentError } from '../../core/errors';
import { keys } from '../store/keys';
import type { SyncContext } from '../sync-context';

async function ownerOf(ctx: SyncContext): Promise<{ key: string; userId?: string }> {
  const connection = await ctx.connection.get();
  if (connection?.authMode === 'oauth') return { key: keys.uploadFolder('app') };
  const userId = connection?.actingUserId ?? (await ctx.b24.getProfile()).id;
  return { key: keys.uploadFolder(`user-${userId}`), userId };
}

export async function uploadFolderId(ctx: SyncContext): Promise<{ folderId: string; forget: () => Promise<void> }> {
  const owner = await ownerOf(ctx);
  const forget = (): Promise<void> => ctx.kv.delete(owner.key);
  const cached = await ctx.kv.get(owner.key);
  if (typeof cached === 'string' && cached !== '') return { folderId: cached, forget };
  const storage =
    owner.userId === undefined ? await ctx.b24.getAppStorage() : await ctx.b24.getUserStorage(owner.userId);
  if (!storage) {
    throw new PermanentError(
      'forbidden',
      `Bitrix24 shows no Drive storage of user ${owner.userId ?? ''}: Jira files cannot be uploaded.`,
      { code: 'app:no-drive' },
    );
  }
  await ctx.kv.set(owner.key, storage.rootFolderId);
  return { folderId: storage.rootFolderId, forget };
}
