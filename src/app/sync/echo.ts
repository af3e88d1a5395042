/**
 * Is this our own write coming back? Every echo is decided here, at the two moments one can be recognised, and
 * every write that will echo is announced here before it is made.
 *
 * Before anything is read (`eventIsOwn`, `jobIsOwn`), so an echo costs no call and, at intake, no queue push:
 * - an event the platform marks as the app's own (Forge's `ignoreSelf` / `selfGenerated`), or caused by the
 *   connection's own service account (`OwnAccounts`: the self-hosted runtime, which has no `ignoreSelf`, names it);
 * - the add event of a task that is already paired (the app created it; a person cannot add an existing task);
 * - an update the migration announced and counted before making it (`expectMigrationMarks`). Bitrix24 has no
 *   "ignore self" and its events carry ids only, so counting is the one proof; it keeps a person's edit made during
 *   the run, which fires an event of its own and finds no count left. A lost echo would leave a count behind and
 *   swallow the next edit's event, so counts expire and hourly reconciliation still compares that task.
 * After one side was read (`readIsOwn`):
 * - it reads as the last sync left it (the snapshot base: core/sync/merge's `nextBase`), or
 * - exactly as the intent of our latest write says, over every synced field (core/sync/echo.ts), which recognises
 *   an echo that overtakes the state update; a matched intent is consumed, and intents are dropped once the state
 *   is saved (`expectFieldWrites` → `settled`).
 * Comments: our post is announced by its fingerprint (`expectComment`) and its echo taken once (`takeComment`).
 */
import type { SyncConfig } from '../../core/config';
import type { CanonicalTask, Side } from '../../core/model';
import { intentsFor, isEchoOfIntent } from '../../core/sync/echo';
import { getField, sameValue, syncedFields } from '../../core/sync/fields';
import type { PairPlan, SyncBase } from '../../core/sync/merge';
import type { KeyValueStore } from '../../ports/store';
import type { SyncJob } from '../sync-jobs';
import { IntentStore } from '../store/intents';
import type { PairLink } from '../store/links';

/** The accounts the app writes as, when the runtime knows them (Forge marks its own events instead). */
export interface OwnAccounts {
  jiraAccountId?: string;
}

/** What an event says about who caused it, before it becomes a job. */
export interface EventOrigin {
  /** The platform's own verdict (Forge: `selfGenerated`, set for writes made as the app). */
  selfGenerated?: boolean;
  /** The account that caused the event, when the delivery names one. */
  actorAccountId?: string;
}

const MARK_TTL_SECONDS = 15 * 60;

const markKey = (taskId: string): string => `mecho:${taskId.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

const sideId = (link: Pick<PairLink, 'taskId' | 'issueId'>, side: Side): string =>
  side === 'b24' ? link.taskId : link.issueId;

export class OwnWrites {
  private readonly intents: IntentStore;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly own: OwnAccounts = {},
  ) {
    this.intents = new IntentStore(kv);
  }

  /** A Jira event of our own write, known from the delivery alone. */
  eventIsOwn(origin: EventOrigin): boolean {
    if (origin.selfGenerated === true) return true;
    return this.own.jiraAccountId !== undefined && origin.actorAccountId === this.own.jiraAccountId;
  }

  /**
   * A Bitrix24 task event of our own write, known without reading the task. `link`: the task's link as read now.
   * A counted mark is spent by the call that recognises it.
   */
  async jobIsOwn(job: SyncJob, link: PairLink | null): Promise<boolean> {
    if (job.kind !== 'task-changed' || !link) return false;
    return job.added === true || this.spendMark(job.taskId);
  }

  /** Whether `side`, just read as `current`, is only our own write coming back. A matched intent is consumed. */
  async readIsOwn(
    side: Side,
    link: PairLink,
    read: { current: CanonicalTask; base: SyncBase | null; config: SyncConfig },
  ): Promise<boolean> {
    const { current, base, config } = read;
    if (base && syncedFields(config).every((f) => sameValue(f, getField(current, f), getField(base[side], f))))
      return true;
    const intent = await this.intents.get(side, sideId(link, side));
    if (intent === null || !isEchoOfIntent(current, intent)) return false;
    await this.intents.remove(side, sideId(link, side));
    return true;
  }

  /** Announces a plan's writes; `settled` once the pair's state is saved, which then recognises their echoes. */
  async expectFieldWrites(link: PairLink, plan: PairPlan, config: SyncConfig): Promise<{ settled(): Promise<void> }> {
    const written = intentsFor(plan, syncedFields(config));
    for (const intent of written) await this.intents.put(sideId(link, intent.side), intent);
    return {
      settled: async () => {
        // An intent left behind could only mistake a person's edit for our echo.
        for (const intent of written) await this.intents.remove(intent.side, sideId(link, intent.side));
      },
    };
  }

  /** The migration is about to write each of these tasks once: each write's event is dismissed unread. */
  async expectMigrationMarks(taskIds: string[]): Promise<void> {
    for (const taskId of taskIds) {
      const current = await this.kv.get(markKey(taskId));
      const count = (typeof current === 'number' ? current : 0) + 1;
      await this.kv.set(markKey(taskId), count, { ttlSeconds: MARK_TTL_SECONDS });
    }
  }

  /** A write that failed fires no event: its expected echo is taken back. */
  async forgetMigrationMark(taskId: string): Promise<void> {
    await this.spendMark(taskId);
  }

  /** A comment we are about to post on `side` under `parentId`: its echo is recognised by the fingerprint. */
  expectComment(side: Side, parentId: string, fingerprint: string): Promise<void> {
    return this.intents.putComment(side, parentId, fingerprint);
  }

  /** The comment's link is saved and now recognises our post. */
  commentSettled(side: Side, parentId: string, fingerprint: string): Promise<void> {
    return this.intents.dropComment(side, parentId, fingerprint);
  }

  /** True once for the echo of a comment we posted; a second comment with the same words is a person's. */
  takeComment(side: Side, parentId: string, fingerprint: string): Promise<boolean> {
    return this.intents.takeComment(side, parentId, fingerprint);
  }

  private async spendMark(taskId: string): Promise<boolean> {
    const current = await this.kv.get(markKey(taskId));
    if (typeof current !== 'number' || current <= 0) return false;
    if (current === 1) await this.kv.delete(markKey(taskId));
    else await this.kv.set(markKey(taskId), current - 1, { ttlSeconds: MARK_TTL_SECONDS });
    return true;
  }
}
