/**
 * At most one waiting job per entity and kind. Bitrix24 and Jira may deliver an event many times (Forge's queue is
 * at-least-once, and a captured Bitrix24 delivery can be replayed at will), and a job only names ids and re-reads
 * current state, so every copy that arrives while an identical job is still waiting adds nothing but a read and,
 * under load, a rate-limit retry. Intake claims a short-lived "pending" key before it pushes; a copy that finds the
 * key is answered without a job.
 *
 * Why a key rather than a job that finds nothing to do unread: only a read can tell a replay from a person's second
 * edit (Bitrix24 events carry ids and a seconds timestamp, nothing more), so a waiting job that will read anyway is
 * the only free proof that a copy is redundant.
 *
 * - The consumer releases the key when the job *starts*, before it reads: an edit that arrives while the job runs
 *   queues one more job, which sees the edit. Nothing coalesces into a job that has already read.
 * - A job that will be retried claims the key again for its wait. When it cannot (an identical job was queued while
 *   it ran), that newer job does the same work and the retry is dropped: retries never multiply.
 * - The key expires: if its job is lost (a job Forge gave up on), copies queue again after PENDING_TTL_SECONDS
 *   instead of being swallowed for good.
 * - A claim counts only once its push is confirmed. The claim and the push are two writes, and an instance can die
 *   between them (or a push can fail): a copy that finds a claim without its confirmation cannot tell a push in
 *   progress from one that will never happen, so it pushes a job of its own. A second job costs a read; a copy
 *   swallowed by a dead claim would lose the change. The confirmation is its own key, named by the claim's token,
 *   so one written after the job has already started (and released the claim) confirms nothing later.
 * - Identity includes what changes the job's meaning: an add event is not an update (the add of a paired task is
 *   dismissed unread), a delete is never merged into a change, and comments and files coalesce per comment or file
 *   and action, never per task.
 */
import type { JobQueue } from '../../ports/queue';
import type { KeyValueStore } from '../../ports/store';
import { toJobBody, type SyncJob } from '../sync-jobs';

/** Longer than a job waits before it starts: the queue's latency plus its longest retry delay (900 s). */
const PENDING_TTL_SECONDS = 20 * 60;

const safe = (part: string): string => part.replace(/[^a-zA-Z0-9._-]/g, '_');

/** What makes two jobs interchangeable; null for jobs that are never coalesced (a person's Sync now, Retry…). */
export function coalesceIdentity(job: SyncJob): string | null {
  switch (job.kind) {
    case 'task-changed':
      return `task:${safe(job.taskId)}:${job.added === true ? 'added' : 'updated'}`;
    case 'task-deleted':
      return `task:${safe(job.taskId)}:deleted`;
    case 'issue-changed':
      return `issue:${safe(job.issueId)}:changed`;
    case 'issue-deleted':
      return `issue:${safe(job.issueId)}:deleted`;
    case 'b24-comment': {
      const ref =
        job.commentId !== undefined
          ? `c${safe(job.commentId)}`
          : job.messageId !== undefined
            ? `m${safe(job.messageId)}`
            : null;
      return ref === null ? null : `bcomment:${safe(job.taskId)}:${ref}:${job.action}`;
    }
    case 'jira-comment':
      return `jcomment:${safe(job.issueId)}:${safe(job.commentId)}:${job.action}`;
    case 'jira-attachment':
      return `jfile:${safe(job.issueId)}:${safe(job.attachmentId)}:${job.action}`;
    case 'pair-sync':
      return null;
  }
}

const pendingKey = (identity: string): string => `pending:${identity}`;
const pushedKey = (token: string): string => `pushed:${token}`;

export class PendingJobs {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  /**
   * Null when an identical job is known to be waiting. Otherwise the job is to be pushed (or retried), and
   * `confirm` is called once it is: a claim this caller did not take (its holder unconfirmed) confirms nothing.
   */
  async claim(job: SyncJob): Promise<{ confirm: () => Promise<void> } | null> {
    const identity = coalesceIdentity(job);
    const nothing = { confirm: () => Promise.resolve() };
    if (identity === null) return nothing;
    const token = `${this.now()}-${this.newId()}`;
    const ttl = { ttlSeconds: PENDING_TTL_SECONDS };
    if (await this.kv.setIfAbsent(pendingKey(identity), token, ttl))
      return { confirm: () => this.kv.set(pushedKey(token), this.now(), ttl) };
    const held = await this.kv.get(pendingKey(identity));
    // A number is a claim written before confirmations existed: it was taken only together with its push.
    if (typeof held === 'number') return null;
    if (typeof held === 'string' && (await this.kv.get(pushedKey(held))) !== undefined) return null;
    return nothing;
  }

  /** The job starts (or its push failed): from now on a new copy queues a new job. */
  async release(job: SyncJob): Promise<void> {
    const identity = coalesceIdentity(job);
    if (identity !== null) await this.kv.delete(pendingKey(identity));
  }
}

/** Pushes the job unless an identical one is waiting; a push that fails gives the claim back. */
export async function pushOnce(
  job: SyncJob,
  queue: JobQueue,
  pending: PendingJobs | undefined,
): Promise<'queued' | 'already-queued'> {
  const claim = pending ? await pending.claim(job) : null;
  if (pending && !claim) return 'already-queued';
  try {
    await queue.push([toJobBody(job)]);
  } catch (error) {
    await pending?.release(job);
    throw error;
  }
  await claim?.confirm();
  return 'queued';
}
