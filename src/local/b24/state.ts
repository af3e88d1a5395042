/**
 * The portal's data: tasks, comments, task chats, Drive files, event handlers and user fields. Methods mutate
 * it; nothing here knows about HTTP, so admin helpers and the sandbox can read it directly.
 */
import type { B24Seed, B24SeedUser } from '../contracts';
import { OfflineQueue } from './offline-queue';

/** Legacy card: comments are forum posts (task.commentitem.*). Chat card (tasks ≥ 25.700): comments live in im. */
export type CardKind = 'legacy' | 'chat';

export interface TaskRecord {
  id: number;
  title: string;
  description: string;
  /** 'N' on tasks written before the portal switched to BBCode: their description is HTML. */
  descriptionInBbcode: 'Y' | 'N';
  status: number;
  priority: number;
  responsibleId: number;
  createdBy: number;
  changedBy: number;
  statusChangedBy: number | null;
  closedBy: number | null;
  groupId: number;
  parentId: number | null;
  deadline: number | null;
  startDatePlan: number | null;
  endDatePlan: number | null;
  createdDate: number;
  changedDate: number;
  statusChangedDate: number;
  closedDate: number | null;
  dateStart: number | null;
  xmlId: string | null;
  taskControl: 'Y' | 'N';
  accomplices: number[];
  auditors: number[];
  tags: string[];
  /** UF_* values keyed by their UPPER name. */
  uf: Record<string, unknown>;
  /** Attachment ids (what ufTaskWebdavFiles reads back). */
  attachments: number[];
  card: CardKind;
  chatId: number;
}

export interface CommentRecord {
  id: number;
  taskId: number;
  authorId: number;
  message: string;
  postDate: number;
  attachments: number[];
}

export interface ChatMessage {
  id: number;
  chatId: number;
  authorId: number;
  date: number;
  text: string;
}

export interface DiskFile {
  id: number;
  fileId: number;
  folderId: number;
  storageId: number;
  name: string;
  content: Uint8Array;
  createdBy: number;
  createdAt: number;
  token: string;
}

export interface Attachment {
  id: number;
  objectId: number;
  entityId: number;
  createdBy: number;
  createdAt: number;
}

export interface HandlerRecord {
  id: number;
  event: string;
  handler: string;
  /** The user whose rights the app handler's tokens carry. */
  authType: number;
  /** An app's event.bind vs an admin's outgoing webhook (no tokens in `auth`). */
  kind: 'app' | 'webhook';
  applicationToken: string;
  /** event_type=offline: no handler URL; changes go to the portal's offline queue instead of a POST. */
  offline: boolean;
  /** auth_connector of an offline binding ('' when none): the queue is divided by it. */
  authConnector: string;
}

export interface UserFieldDef {
  name: string;
  type: 'string' | 'double' | 'datetime' | 'boolean';
  multiple: boolean;
  mandatory: boolean;
}

/** A Drive storage (disk.storage.*): a person's drive, the common one, a workgroup's, or an app's. */
export interface StorageRecord {
  id: number;
  name: string;
  entityType: 'user' | 'common' | 'group' | 'restapp';
  entityId: string;
  rootFolderId: number;
}

export interface FolderRecord {
  id: number;
  storageId: number;
  name: string;
}

export class B24State {
  readonly tasks = new Map<number, TaskRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly chats = new Map<number, { taskId: number; messages: ChatMessage[] }>();
  readonly files = new Map<number, DiskFile>();
  readonly attachments = new Map<number, Attachment>();
  readonly storages = new Map<number, StorageRecord>();
  readonly folders = new Map<number, FolderRecord>();
  readonly handlers: HandlerRecord[] = [];
  readonly offline = new OfflineQueue();
  readonly userFields = new Map<string, UserFieldDef>();
  readonly webhookScopes = new Map<string, string[]>();
  defaultCard: CardKind = 'legacy';
  private readonly counters = new Map<string, number>();

  constructor(readonly seed: B24Seed) {}

  /** Ids start high enough not to look like seed user or group ids in tests. */
  nextId(
    kind: 'task' | 'comment' | 'chat' | 'message' | 'file' | 'attachment' | 'handler' | 'storage' | 'folder',
  ): number {
    const start = {
      task: 100,
      comment: 3000,
      chat: 2500,
      message: 48000,
      file: 4700,
      attachment: 970,
      handler: 180,
      storage: 1300,
      folder: 8900,
    }[kind];
    const next = (this.counters.get(kind) ?? start) + 1;
    this.counters.set(kind, next);
    return next;
  }

  user(id: number | string): B24SeedUser | undefined {
    return this.seed.users.find((u) => u.id === String(id));
  }

  userName(id: number): string {
    const u = this.user(id);
    return u ? `${u.name} ${u.lastName}`.trim() : '';
  }

  isMember(task: TaskRecord, userId: number): boolean {
    return (
      task.createdBy === userId ||
      task.responsibleId === userId ||
      task.accomplices.includes(userId) ||
      task.auditors.includes(userId)
    );
  }

  /** What the caller may see: members, admins, and (inf.) every member of an open workgroup is not modelled. */
  canSee(task: TaskRecord, userId: number): boolean {
    return this.isMember(task, userId) || this.user(userId)?.admin === true;
  }
}
