/**
 * Drive storages and their root folders. Every person has a drive, the portal a common one, each workgroup its
 * own; an app's storage appears on its first disk.storage.getForApp. Folder ids are not small numbers, so a
 * client that guesses folder 1 meets ERROR_NOT_FOUND as on a real portal.
 */
import type { B24State, FolderRecord, StorageRecord } from './state';

export function addStorage(state: B24State, storage: Omit<StorageRecord, 'id' | 'rootFolderId'>): StorageRecord {
  const id = state.nextId('storage');
  const rootFolderId = state.nextId('folder');
  const record: StorageRecord = { ...storage, id, rootFolderId };
  state.storages.set(id, record);
  state.folders.set(rootFolderId, { id: rootFolderId, storageId: id, name: storage.name });
  return record;
}

export function seedDrive(state: B24State): void {
  addStorage(state, { name: 'Shared files', entityType: 'common', entityId: 'shared_files_s1' });
  for (const user of state.seed.users)
    addStorage(state, { name: `${user.name} ${user.lastName}`.trim(), entityType: 'user', entityId: user.id });
  for (const group of state.seed.groups)
    addStorage(state, { name: group.name, entityType: 'group', entityId: group.id });
}

export function storageOf(state: B24State, folder: FolderRecord): StorageRecord | undefined {
  return state.storages.get(folder.storageId);
}

/**
 * Who may add files to a storage: a person's drive only its owner (the docs' ACCESS_DENIED "Insufficient rights
 * to add the file"; admins do not write into other people's drives), an app's storage only the app, the common
 * and workgroup drives anyone (workgroup membership is not modelled).
 */
export function mayWrite(storage: StorageRecord, actor: { userId: number; kind: 'webhook' | 'app' }): boolean {
  if (storage.entityType === 'user') return storage.entityId === String(actor.userId);
  if (storage.entityType === 'restapp') return actor.kind === 'app';
  return true;
}

export function renderStorage(s: StorageRecord): Record<string, unknown> {
  return {
    ID: String(s.id),
    NAME: s.name,
    CODE: null,
    MODULE_ID: 'disk',
    ENTITY_TYPE: s.entityType,
    ENTITY_ID: s.entityId,
    ROOT_OBJECT_ID: String(s.rootFolderId),
  };
}
