/**
 * What the sync needs from Bitrix24 REST. Every method returns validated shapes from core/remote/b24 and throws
 * only SyncError subclasses (core/errors). Single reads return `null` when the entity is gone or invisible
 * (tasks.task.get answers `result: []` for both).
 */
import type { SyncError } from '../core/errors';
import type { B24Comment, B24Group, B24Task, B24User } from '../core/remote/b24';

/** UPPER_SNAKE names as tasks.task.add/update expect them, e.g. TITLE, RESPONSIBLE_ID, DEADLINE, UF_AUTO_123. */
export type B24TaskFieldsInput = Record<string, string | number | string[] | number[] | null>;

export type B24TaskAction = 'start' | 'pause' | 'complete' | 'defer' | 'renew' | 'approve' | 'disapprove';

export interface B24ListTasksOptions {
  filter?: Record<string, string | number | string[]>;
  order?: Record<string, 'asc' | 'desc'>;
  /** UF_* fields to read besides the standard sync fields. */
  userFields?: string[];
  /** 0, 50, 100…; -1 skips the total count (fast full scans with a `>ID` filter). */
  start?: number;
}

export interface B24TaskPage {
  tasks: B24Task[];
  next?: number;
  total?: number;
}

/** A message of a task chat (comments of the new task card). */
export interface B24ChatMessage {
  id: string;
  chatId: string;
  /** "0" for system messages. */
  authorId: string;
  date: string;
  /** BBCode. */
  text: string;
}

export interface B24BatchCommand {
  method: string;
  params?: Record<string, unknown>;
}

export interface B24BatchResult {
  results: Record<string, unknown>;
  errors: Record<string, { error: string; description: string }>;
}

/** One command of a batch: its result, or its error typed as a single call's would be. */
export type B24Outcome<T> = { ok: true; value: T } | { ok: false; error: SyncError };

export interface B24EventBinding {
  event: string;
  /** '' for an offline binding. */
  handler: string;
  /** event_type=offline: the portal queues the changes instead of calling a URL. */
  offline: boolean;
}

/** What a Bitrix24 event says about a change: ids only, because the sync re-reads the entity. */
export type B24ChangeHint =
  | { kind: 'task-added' | 'task-updated' | 'task-deleted'; taskId: string }
  | {
      kind: 'comment-added' | 'comment-updated' | 'comment-deleted';
      taskId: string;
      /** null for comments of the new task card, which arrive with ID 0 and a MESSAGE_ID. */
      commentId: string | null;
      /** The task-chat message id (new task card only). */
      messageId?: string;
    };

/** One record of the portal's offline event queue (event.offline.get). */
export interface B24OfflineRecord {
  /** The record's ID: what event.offline.clear confirms. */
  id: string;
  /** The record's MESSAGE_ID: what event.offline.error marks. */
  messageId: string;
  event: string;
  /** TIMESTAMP_X in epoch seconds, when the portal printed a readable one. */
  ts?: number;
  /** EVENT_DATA as the portal sent it: a hint the drain reads with the event intake's rules, never trusted here. */
  data: unknown;
}

export interface B24Profile {
  id: string;
  admin: boolean;
  name: string;
  lastName: string;
}

/** disk.attachedObject.get: a task attachment and the Drive file behind it. */
export interface B24AttachedObject {
  /** The attachment id (what ufTaskWebdavFiles lists). */
  id: string;
  /** The Drive object id. */
  objectId: string;
  name: string;
  /** Bytes, when the portal says; the downloaded content is checked either way. */
  size?: number;
  /** Carries an access token: never log it. */
  downloadUrl: string;
}

/** A Drive storage and its root folder (ROOT_OBJECT_ID), where uploads go. */
export interface B24Storage {
  id: string;
  rootFolderId: string;
}

/** What a comment or file job must know of its task before anything crosses: the workgroup it is in, its chat. */
export interface B24TaskScope {
  id: string;
  groupId: string;
  /** The new task card's chat; null on old portals. */
  chatId: string | null;
}

export interface B24Port {
  getTask(taskId: string, options?: { userFields?: string[] }): Promise<B24Task | null>;
  listTasks(options?: B24ListTasksOptions): Promise<B24TaskPage>;
  addTask(fields: B24TaskFieldsInput): Promise<B24Task>;
  updateTask(taskId: string, fields: B24TaskFieldsInput): Promise<void>;
  deleteTask(taskId: string): Promise<void>;
  /** tasks.task.<action>; `complete` lands on 4 (awaiting control) when TASK_CONTROL is Y. */
  runTaskAction(taskId: string, action: B24TaskAction): Promise<void>;
  /** Adds a user to the task's observers (keeping the others): task chats are open to task members only. */
  addTaskAuditor(taskId: string, userId: string): Promise<void>;
  /** One request (batch) for the task and its legacy comments; comments are [] on new-card portals. */
  getTaskWithComments(
    taskId: string,
    options?: { userFields?: string[] },
  ): Promise<{ task: B24Task | null; comments: B24Comment[] }>;

  /** Legacy comments (task.commentitem.*): fail on new-card portals except add. */
  getComments(taskId: string): Promise<B24Comment[]>;
  getComment(taskId: string, commentId: string): Promise<B24Comment | null>;
  addComment(taskId: string, message: string, authorId?: string): Promise<string>;
  updateComment(taskId: string, commentId: string, message: string): Promise<void>;
  deleteComment(taskId: string, commentId: string): Promise<void>;

  /**
   * The task's scope (null when gone or invisible) and, given `commentId`, that legacy comment (null when gone or
   * on new-card portals): one request, a batch when both are read.
   */
  getTaskScope(taskId: string, commentId?: string): Promise<{ task: B24TaskScope | null; comment: B24Comment | null }>;
  /** New task card: the task's chat id (null on old portals). */
  getTaskChatId(taskId: string): Promise<string | null>;
  /** tasks.task.chat.message.send (REST 3.0): returns no message id. */
  sendTaskChatMessage(taskId: string, text: string): Promise<void>;
  /** im.message.add to `chat<chatId>`: returns the message id, so comment links can be kept. */
  addChatMessage(chatId: string, text: string): Promise<string>;
  updateChatMessage(messageId: string, text: string): Promise<void>;
  deleteChatMessage(messageId: string): Promise<void>;
  /** im.dialog.messages.get, newest first, ≤ 50 per call. */
  getChatMessages(
    chatId: string,
    options?: { lastId?: string; firstId?: string; limit?: number },
  ): Promise<B24ChatMessage[]>;

  getUser(userId: string): Promise<B24User | null>;
  /** Exact e-mail match (needs scope user_basic). */
  findUserByEmail(email: string): Promise<B24User | null>;
  getGroup(groupId: string): Promise<B24Group | null>;
  listGroups(start?: number): Promise<{ groups: B24Group[]; next?: number }>;

  /** A person's own Drive storage (disk.storage.getlist, ENTITY_TYPE user); null when the portal shows none. */
  getUserStorage(userId: string): Promise<B24Storage | null>;
  /** The app's own Drive storage (disk.storage.getforapp: OAuth only, created on first call). */
  getAppStorage(): Promise<B24Storage>;
  /** disk.folder.uploadfile with inline base64 content; returns the Drive object ID (not FILE_ID). */
  uploadFile(folderId: string, name: string, content: Uint8Array): Promise<{ id: string; downloadUrl?: string }>;
  attachFileToTask(taskId: string, driveFileId: string): Promise<string>;
  /** null when the attachment is gone or invisible. */
  getAttachedObject(attachmentId: string): Promise<B24AttachedObject | null>;
  /** A plain GET of a DOWNLOAD_URL with browser-like headers (without them portals can answer 404). */
  downloadFile(url: string): Promise<Uint8Array>;

  bindEvent(event: string, handler: string): Promise<void>;
  /** event.bind with event_type=offline and no handler URL (administrator, application context). */
  bindOfflineEvent(event: string): Promise<void>;
  /**
   * event.offline.get with clear=0 under `processId`: reserves up to `limit` waiting records (and re-selects those
   * the process already holds), so nothing is removed before clearOfflineEvents confirms it. Answers the process
   * id the portal reserved them under, which is the one to confirm with.
   */
  getOfflineEvents(options: {
    processId: string;
    limit: number;
  }): Promise<{ processId: string; records: B24OfflineRecord[] }>;
  /** event.offline.clear for exactly these record IDs of the process. */
  clearOfflineEvents(processId: string, ids: string[]): Promise<void>;
  /** event.offline.error: these records stay on the portal, marked, out of later reads. */
  markOfflineEventsFailed(processId: string, messageIds: string[]): Promise<void>;
  getEventBindings(): Promise<B24EventBinding[]>;
  unbindEvent(event: string, handler: string): Promise<void>;
  getScope(): Promise<string[]>;
  getProfile(): Promise<B24Profile>;

  /** ≤ 50 commands in one request; HTTP 200 even when commands fail, so errors come back per command. */
  batch(commands: Record<string, B24BatchCommand>, options?: { halt?: boolean }): Promise<B24BatchResult>;

  /** Several tasks.task.list pages (one `start` each) in batches; COMMENTS_COUNT > 0 by task id beside them. */
  listTaskPages(
    options: Pick<B24ListTasksOptions, 'filter' | 'order' | 'userFields'> & { starts: number[] },
  ): Promise<{ pages: B24Task[][]; commentCounts: Map<string, number> }>;
  /** tasks.task.add, 50 per batch; outcomes in order. */
  addTasks(fields: B24TaskFieldsInput[]): Promise<B24Outcome<B24Task>[]>;
  /** tasks.task.update, 50 per batch. */
  updateTasks(updates: { taskId: string; fields: B24TaskFieldsInput }[]): Promise<B24Outcome<null>[]>;
  /** Legacy task.commentitem.add, 50 per batch; the new comment ids. */
  addComments(comments: { taskId: string; message: string }[]): Promise<B24Outcome<string>[]>;
  /** Legacy task.commentitem.getlist per task, 50 per batch, oldest first. */
  getCommentLists(taskIds: string[]): Promise<B24Outcome<B24Comment[]>[]>;
}
