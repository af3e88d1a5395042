/**
 * A Bitrix24 change hint (an event delivery's or an offline queue record's ids) as the sync job it asks for. Both
 * intakes go through this one mapping, so a change arriving either way queues the same job.
 */
import type { B24ChangeHint } from '../ports/b24';
import type { SyncJob } from './jobs';

export function jobForChange(change: B24ChangeHint): SyncJob {
  switch (change.kind) {
    case 'task-added':
      return { kind: 'task-changed', taskId: change.taskId, added: true };
    case 'task-updated':
      return { kind: 'task-changed', taskId: change.taskId };
    case 'task-deleted':
      return { kind: 'task-deleted', taskId: change.taskId };
    case 'comment-added':
    case 'comment-updated':
    case 'comment-deleted':
      return {
        kind: 'b24-comment',
        taskId: change.taskId,
        action: change.kind === 'comment-added' ? 'added' : change.kind === 'comment-updated' ? 'updated' : 'deleted',
        ...(change.commentId ? { commentId: change.commentId } : {}),
        ...(change.messageId ? { messageId: change.messageId } : {}),
      };
  }
}
