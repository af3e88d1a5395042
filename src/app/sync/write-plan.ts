/**
 * Writing a pair's plan step by step (Jira fields, Jira status hop by hop, Bitrix24 fields, Bitrix24 status
 * action by action, the walks being status-walks.ts) and storing, after every step that landed, the base that says
 * what was really written (core/sync/progress). A retry after a failed step therefore neither takes our write for a person's nor
 * re-decides a conflict by change times our own write moved.
 *
 * A write the target refuses (HTTP 400: a value it will never accept) is not retried: its fields are acknowledged
 * as they stand and reported, so one refused value neither blocks the pair's other fields nor loops.
 */
import type { SyncConfig } from '../../core/config';
import { errorMessage, isPermanent } from '../../core/errors';
import type { MappingContext } from '../../core/mapping/context';
import { readB24Status, readJiraStatus } from '../../core/mapping/status';
import { toB24Fields, toJiraFields } from '../../core/mapping/to-side';
import type { FieldKey, Side } from '../../core/model';
import { changedKeys } from '../../core/sync/echo';
import { setField } from '../../core/sync/fields';
import type { PairPlan, SyncBase } from '../../core/sync/merge';
import { baseInProgress } from '../../core/sync/progress';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { B24TaskFieldsInput } from '../../ports/b24';
import type { PairLink } from '../store/links';
import { note, type JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { canonicalFieldOf, refusalSentence, writeDroppingRefused } from './jira-refusals';
import { moveIssueTo, moveTaskTo } from './status-walks';

export interface PlanOutcome {
  base: SyncBase;
  problems: JournalNote[];
  /** Fields a target refused, per side written to. */
  refused: string[];
}

const SIDE: Record<Side, string> = { b24: 'Bitrix24', jira: 'Jira' };

/** A value no retry can make acceptable: the remote answered 400 (or an equivalent validation error). */
const isRefusal = (e: unknown): boolean => isPermanent(e, 'invalid-request') || isPermanent(e, 'validation');

class PlanRun {
  private readonly done: Record<Side, Set<FieldKey>> = { b24: new Set(), jira: new Set() };
  private readonly settled: Record<Side, Set<FieldKey>> = { b24: new Set(), jira: new Set() };
  /** Each side as it reads now, our writes included. */
  private readonly live: SyncBase;
  readonly problems: JournalNote[];
  readonly refused: string[];

  constructor(
    private readonly ctx: SyncContext,
    private readonly link: PairLink,
    private readonly plan: PairPlan,
    private readonly current: SyncBase,
    private readonly carried: JournalNote[],
    earlier: Earlier,
  ) {
    this.live = { ...current };
    this.problems = [...earlier.problems];
    this.refused = [...earlier.refused];
  }

  base(): SyncBase {
    return baseInProgress({
      plan: this.plan,
      current: this.current,
      done: this.done,
      settled: this.settled,
      live: this.live,
    });
  }

  /** Saved with the decisions still pending, so a failure's journal and the retry's agree on what happened. */
  private async save(): Promise<void> {
    await this.ctx.states.save(this.link.taskId, this.link.issueId, {
      base: this.base(),
      lastSync: {
        at: this.ctx.now(),
        outcome: 'failed',
        message: 'Sync in progress or interrupted; it resumes where it stopped.',
      },
      ...(this.carried.length ? { carried: this.carried } : {}),
      // A refusal settled in this base is journalled by whichever attempt completes the sync, not lost with this one.
      ...(this.problems.length ? { problems: this.problems } : {}),
      ...(this.refused.length ? { refused: this.refused } : {}),
      pending: true,
    });
  }

  async landed(side: Side, fields: FieldKey[]): Promise<void> {
    for (const f of fields) this.done[side].add(f);
    if (fields.length) await this.save();
  }

  /** The side reads `status` now (a hop or action landed); the flow itself is not finished. */
  async statusNow(side: Side, status: string): Promise<void> {
    this.live[side] = setField(this.live[side], 'status', status);
    await this.save();
  }

  /** The field stays as it reads now, acknowledged: blocked status walks, TASK_CONTROL, refused values. */
  settle(side: Side, fields: FieldKey[]): void {
    for (const f of fields) this.settled[side].add(f);
  }

  /** Runs one write; a refusal settles its fields and is reported instead of failing the whole sync. */
  async step(side: Side, fields: FieldKey[], write: () => Promise<void>): Promise<void> {
    if (fields.length === 0) return;
    try {
      await write();
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.settle(side, fields);
      this.refused.push(...fields);
      const detail = errorMessage(error);
      this.problems.push(
        note(
          'refusedBy',
          { fields: fields.join(', '), side, detail },
          `${fields.join(', ')} refused by ${SIDE[side]}: ${detail}`,
        ),
      );
    }
    await this.landed(side, fields);
  }
}

/** Problems and refused fields of an interrupted attempt at this sync (PairState), reported with this one's. */
export type Earlier = Pick<PlanOutcome, 'problems' | 'refused'>;

export interface PlanTarget {
  plan: PairPlan;
  current: SyncBase;
  carried: JournalNote[];
  earlier: Earlier;
  mapping: MappingContext;
  task: B24Task;
  issue: JiraIssue;
}

export async function writePlan(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  target: PlanTarget,
): Promise<PlanOutcome> {
  const run = new PlanRun(ctx, link, target.plan, target.current, target.carried, target.earlier);
  await writeJiraSide(ctx, link, config, target, run);
  await writeB24Side(ctx, config, target, run);
  return { base: run.base(), problems: run.problems, refused: run.refused };
}

/** Jira's fields in one edit, then its status hop by hop. */
async function writeJiraSide(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  { plan, mapping, issue }: PlanTarget,
  run: PlanRun,
): Promise<void> {
  const jiraFields = changedKeys(plan.toJira).filter((f) => f !== 'status');
  const jiraWrite = toJiraFields(plan.toJira, mapping);
  await run.step('jira', jiraFields, async () => {
    // Jira refuses a whole edit for one bad field (an unassignable person, a field off the screen): the named
    // fields are left out and settled as Jira holds them, and the rest of the change is written.
    const { refused } = await writeDroppingRefused(jiraWrite.fields, (fields) =>
      ctx.jira.updateIssue(link.issueId, fields),
    );
    for (const r of refused) {
      const field = canonicalFieldOf(r.field, config);
      if (field !== undefined) run.settle('jira', [field]);
      run.refused.push(field ?? r.field);
      run.problems.push(refusalSentence(r, plan.toJira, config));
    }
  });
  if (plan.toJira.status === undefined) return;
  const goal = jiraWrite.status;
  await run.step('jira', ['status'], async () => {
    if (goal === null) return;
    const moved = await moveIssueTo(ctx, link.issueId, issue.fields.status, goal, (at) =>
      run.statusNow('jira', readJiraStatus(at.name, config.statuses)),
    );
    if (moved.blocked) {
      run.problems.push(moved.blocked);
      run.settle('jira', ['status']);
    }
  });
}

/** The task's fields in one update, then its status action by action. */
async function writeB24Side(
  ctx: SyncContext,
  config: SyncConfig,
  { plan, mapping, task }: PlanTarget,
  run: PlanRun,
): Promise<void> {
  const connection = await ctx.connection.get();
  const b24Write = toB24Fields(plan.toB24, mapping, { current: task });
  const b24Fields = changedKeys(plan.toB24).filter((f) => f !== 'status');
  const hasFieldWrite = Object.keys(b24Write.fields).length > 0;
  const update = (): Promise<void> => ctx.b24.updateTask(task.id, b24Write.fields as B24TaskFieldsInput);
  await run.step('b24', b24Fields, () => (hasFieldWrite ? update() : Promise.resolve()));
  if (plan.toB24.status === undefined) return;
  const goal = b24Write.status;
  // The Jira-only status field travels in the fields update; alone, it belongs to the status step.
  const fieldInStatus = b24Fields.length === 0 && hasFieldWrite;
  await run.step('b24', ['status'], async () => {
    if (fieldInStatus) await update();
    if (goal === null) return;
    const moved = await moveTaskTo(ctx, task, goal, connection?.actingUserId, (at) =>
      run.statusNow('b24', readB24Status(at, task.userFields, config.statuses)),
    );
    if (moved.blocked) run.problems.push(moved.blocked);
    if (moved.note) run.problems.push(moved.note);
    // The plan's read-back is right unless the task ended elsewhere (blocked, or TASK_CONTROL holding it at 4).
    if (moved.reached !== goal) {
      await run.statusNow('b24', readB24Status(moved.reached, task.userFields, config.statuses));
      run.settle('b24', ['status']);
    }
  });
}
