/**
 * Drive uploads (base64 `fileContent`), file reads and task attachments. A task keeps attachment ids; a Drive
 * object id becomes an attachment through tasks.task.files.attach or `n<id>` in UF_TASK_WEBDAV_FILES.
 */
import type { CallContext, MethodTable } from '../context';
import { formatPortalDate } from '../dates';
import { B24Error } from '../envelope';
import { asInt, asList, asRecord, asText, param, yesNo, type Params } from '../params';
import { mayWrite, storageOf } from '../drive';
import type { DiskFile } from '../state';
import { taskIdOf, touch, visibleTask } from './task-access';

const notFound = (): B24Error => new B24Error('ERROR_NOT_FOUND', 'Could not find entity with id');

export function downloadUrl(ctx: CallContext, file: DiskFile): string {
  return `https://${ctx.state.seed.domain}/disk/downloadFile/${file.id}/?token=${file.token}`;
}

function renderFile(ctx: CallContext, f: DiskFile): Record<string, unknown> {
  const at = formatPortalDate(f.createdAt, ctx.timeZone);
  return {
    ID: String(f.id),
    NAME: f.name,
    CODE: null,
    STORAGE_ID: String(f.storageId),
    TYPE: 'file',
    PARENT_ID: String(f.folderId),
    DELETED_TYPE: '0',
    GLOBAL_CONTENT_VERSION: '1',
    FILE_ID: String(f.fileId),
    SIZE: String(f.content.length),
    CREATE_TIME: at,
    UPDATE_TIME: at,
    DELETE_TIME: null,
    CREATED_BY: String(f.createdBy),
    UPDATED_BY: String(f.createdBy),
    DELETED_BY: '0',
    DOWNLOAD_URL: downloadUrl(ctx, f),
    DETAIL_URL: `https://${ctx.state.seed.domain}/docs/file/${encodeURIComponent(f.name)}`,
  };
}

export function attachmentInfo(ctx: CallContext, id: number): Record<string, string> {
  const a = ctx.state.attachments.get(id);
  const f = a ? ctx.state.files.get(a.objectId) : undefined;
  return {
    ATTACHMENT_ID: String(id),
    NAME: f?.name ?? '',
    SIZE: String(f?.content.length ?? 0),
    FILE_ID: String(f?.fileId ?? 0),
    DOWNLOAD_URL: f ? downloadUrl(ctx, f) : '',
    VIEW_URL: f ? downloadUrl(ctx, f) : '',
  };
}

function uniqueName(ctx: CallContext, folderId: number, name: string): string {
  const taken = new Set([...ctx.state.files.values()].filter((f) => f.folderId === folderId).map((f) => f.name));
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 1; ; i += 1) if (!taken.has(`${base} (${i})${ext}`)) return `${base} (${i})${ext}`;
}

/** disk.folder.uploadfile's documented refusals, in the order the portal meets them. */
function uploadTarget(
  ctx: CallContext,
  params: Params,
): { folderId: number; storageId: number; name: string; base64: string } {
  const rawId = param(params, 'id');
  const folderId = asInt(rawId);
  if (rawId === undefined || rawId === '' || folderId === undefined)
    throw new B24Error('ERROR_ARGUMENT', 'Invalid value of parameter {Parameter #0}');
  const folder = ctx.state.folders.get(folderId);
  const storage = folder ? storageOf(ctx.state, folder) : undefined;
  if (!folder || !storage) throw new B24Error('ERROR_NOT_FOUND', `Could not find entity with id \`${folderId}\``);
  const name = asText((asRecord(param(params, 'data')) ?? {}).NAME) ?? '';
  // data.NAME is required even when fileContent carries a name (the docs' table).
  if (name === '')
    throw new B24Error('DISK_BASE_SERVICE_22001', 'Error: required parameter NAME (DISK_BASE_SERVICE_22001)');
  if (!mayWrite(storage, ctx.actor)) throw new B24Error('ACCESS_DENIED', 'Access denied');
  const base64 = asText(asList(param(params, 'fileContent'))[1]);
  // (inf.) Without fileContent the portal answers an upload URL; the emulator does not model that two-step upload.
  if (base64 === undefined) throw new B24Error('ERROR_ARGUMENT', 'Invalid value of parameter {fileContent}');
  return { folderId, storageId: storage.id, name, base64 };
}

function upload(ctx: CallContext, params: Params): { result: unknown } {
  const { folderId, storageId, name: requested, base64 } = uploadTarget(ctx, params);
  const generate = yesNo(param(params, 'generateUniqueName')) === 'Y';
  const name = generate ? uniqueName(ctx, folderId, requested) : requested;
  if (name !== uniqueName(ctx, folderId, name)) {
    throw new B24Error('DISK_OBJ_22000', 'The file or folder with this name already exists');
  }
  const id = ctx.state.nextId('file');
  const file: DiskFile = {
    id,
    fileId: id + 50_000,
    folderId,
    storageId,
    name,
    content: Uint8Array.from(Buffer.from(base64, 'base64')),
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    token: `dl${id}x${ctx.now.toString(36)}`,
  };
  ctx.state.files.set(id, file);
  return { result: renderFile(ctx, file) };
}

function fileGet(ctx: CallContext, params: Params): { result: unknown } {
  const file = ctx.state.files.get(asInt(param(params, 'id')) ?? -1);
  if (!file) throw notFound();
  return { result: renderFile(ctx, file) };
}

function attachedGet(ctx: CallContext, params: Params): { result: unknown } {
  const id = asInt(param(params, 'id')) ?? -1;
  const a = ctx.state.attachments.get(id);
  if (!a) throw notFound();
  const info = attachmentInfo(ctx, id);
  return {
    result: {
      ID: String(id),
      OBJECT_ID: String(a.objectId),
      MODULE_ID: 'tasks',
      ENTITY_TYPE: 'Bitrix\\Tasks\\Integration\\Disk\\Connector\\Task',
      ENTITY_ID: String(a.entityId),
      CREATE_TIME: formatPortalDate(a.createdAt, ctx.timeZone),
      CREATED_BY: String(a.createdBy),
      DOWNLOAD_URL: info.DOWNLOAD_URL,
      NAME: info.NAME,
      SIZE: info.SIZE,
    },
  };
}

/** tasks.task.files.attach with the refusals of its table (tasks-task-files-attach.md). */
function filesAttach(ctx: CallContext, params: Params): { result: unknown } {
  const task = visibleTask(ctx, taskIdOf(params));
  if (!task) throw new B24Error('0', 'Access denied (internal error)');
  const raw = param(params, 'fileId');
  if (raw === undefined || raw === '')
    throw new B24Error('100', 'Could not find value for parameter {fileId} (internal error)');
  const fileId = asInt(raw);
  if (fileId === undefined)
    throw new B24Error(
      '100',
      `Invalid value ${asText(raw) ?? '{}'} to match with parameter {fileId}. Should be value of type int. (internal error)`,
    );
  const file = ctx.state.files.get(fileId);
  const storage = file ? ctx.state.storages.get(file.storageId) : undefined;
  // A file the caller cannot reach (missing, or in someone else's drive) is "no access to the specified file".
  if (!file || !storage || !mayWrite(storage, ctx.actor))
    throw new B24Error('ERROR_CORE', 'Insufficient permissions.<br>');
  const id = ctx.state.nextId('attachment');
  ctx.state.attachments.set(id, {
    id,
    objectId: file.id,
    entityId: task.id,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  task.attachments.push(id);
  touch(ctx, task);
  // Attaching a file is a task change: ONTASKUPDATE fires (reference note, events).
  ctx.events.emit({ event: 'ONTASKUPDATE', taskId: task.id }, ctx.actor.userId);
  return { result: { attachmentId: id } };
}

/** The Drive content behind a DOWNLOAD_URL; undefined when the token does not match. */
export function downloadContent(files: Map<number, DiskFile>, url: URL): DiskFile | undefined {
  const m = /^\/disk\/downloadFile\/(\d+)\/?$/.exec(url.pathname);
  const file = m ? files.get(Number(m[1])) : undefined;
  return file && url.searchParams.get('token') === file.token ? file : undefined;
}

export const diskMethods: MethodTable = {
  'disk.folder.uploadfile': { scope: 'disk', write: true, run: upload },
  'disk.file.get': { scope: 'disk', run: fileGet },
  'disk.attachedObject.get': { scope: 'disk', run: attachedGet },
  'tasks.task.files.attach': { scope: 'task', write: true, run: filesAttach },
};
