/**
 * One page of the initial migration, done in bulk: Jira first (jira-page.ts: up to 500 issues, their tasks added 50
 * per batch), then Bitrix24 (b24-page.ts: ten `tasks.task.list` pages in one batch, their issues created 50 per bulk
 * call). Jira goes first because Jira search cannot leave out the issues the migration creates, while the Bitrix24
 * list re-reads the tasks it created at 2,500 a call (see src/core/migration/cost.ts for the whole bound).
 *
 * Resumability: every entity is paired (link saved) as soon as its create answers, and progress is recorded only
 * after the page, so a retried page lists the same entities again, skips the linked ones and finds, by marker,
 * any whose create was sent but not answered. When some entity must wait (search still stale after a lost reply,
 * another job's creation lock) the page throws a RetryableError with that wait, after doing everything else.
 * Pause and Cancel are asked for at the start of each page (control.ts), so a held run stops before any call.
 */
import type { SyncConfig } from '../../core/config';
import { RetryableError } from '../../core/errors';
import type { AppDeps } from '../deps';
import { isPairingListed, journalNotListed, PairingNotListed } from '../pairing-access';
import { SyncContext } from '../sync-context';
import { b24Page } from './b24-page';
import { heldRun } from './control';
import { jiraPage } from './jira-page';
import { toMigrationJobBody, type MigrationPageJob } from './jobs';
import { paceAfterPage } from './page-pacing';
import { journalPage } from './page-journal';
import { SIDE_METHODS } from './page-work';
import { expectedSide, type MigrationProgress } from '../store/migration-progress';
import { storesOf } from '../store/stores';

export type PageOutcome =
  | { kind: 'recorded'; listed: number; enqueued: number }
  | { kind: 'dropped'; reason: string }
  | { kind: 'wait'; reason: string };

/** Whether this delivery is the page the run expects next (its side's turn, its page number). */
function gate(progress: MigrationProgress | null, job: MigrationPageJob): PageOutcome | null {
  if (!progress || progress.runId !== job.runId || progress.state !== 'running')
    return { kind: 'dropped', reason: 'not the running migration' };
  const side = progress[job.side];
  if (side.done || job.page < side.page) return { kind: 'dropped', reason: 'page already recorded' };
  if (job.page > side.page) return { kind: 'wait', reason: 'the previous page is not recorded yet' };
  if (expectedSide(progress) !== job.side) return { kind: 'wait', reason: "the other side's page is not recorded yet" };
  return null;
}

/** What the run's end hands over to: reconciliation starts from now (reconcile/after-migration.ts). */
export type AfterMigration = (deps: AppDeps, projectKey: string, config: SyncConfig) => Promise<void>;

export async function runMigrationPage(
  deps: AppDeps,
  job: MigrationPageJob,
  afterMigration: AfterMigration,
): Promise<PageOutcome> {
  const store = storesOf(deps).migrationProgress;
  const progress = await store.get(job.projectKey);
  const refused = gate(progress, job);
  if (refused || !progress) return refused ?? { kind: 'dropped', reason: 'no migration' };
  const held = await heldRun(deps, job); // Paused or cancelled: stop before any call; the checkpoint stays as recorded.
  if (held) return { kind: 'dropped', reason: held === 'pause' ? 'the run is paused' : 'the run was cancelled' };
  const config = await storesOf(deps).configs.get(job.projectKey);
  if (!config) {
    await store.save(job.projectKey, {
      ...progress,
      state: 'failed',
      error: 'The project is no longer paired with a Bitrix24 workgroup.',
      errorCode: 'migration.unpaired',
      errorParams: {},
      updatedAt: deps.clock.now(),
    });
    return { kind: 'dropped', reason: 'project not paired' };
  }
  if (!(await isPairingListed(deps, config))) {
    const held = new PairingNotListed(config);
    await store.save(job.projectKey, {
      ...progress,
      state: 'failed',
      error: held.message,
      errorCode: 'migration.notListed',
      errorParams: { group: config.b24GroupId, project: config.projectKey },
      updatedAt: deps.clock.now(),
    });
    await journalNotListed(deps, held);
    return { kind: 'dropped', reason: 'workgroup not listed for the project' };
  }
  const ctx = await SyncContext.create(deps);
  ctx.useProject(config.projectKey);
  const runKey = `${job.projectKey}:${progress.startedAt}`;
  const work =
    job.side === 'jira'
      ? await jiraPage(ctx, config, job.cursor, runKey)
      : await b24Page(ctx, config, job.cursor, runKey);
  if (work.result.waitMs !== undefined) {
    throw new RetryableError(
      'server-error',
      'some entities of this page must wait (a create in doubt, or another job creating them)',
      { code: 'app:migration-wait', retryAfterMs: work.result.waitMs },
    );
  }
  const side = progress[job.side];
  const recorded = {
    ...side,
    listed: side.listed + work.listed,
    alreadyLinked: side.alreadyLinked + work.alreadyLinked,
    cursor: work.next,
    page: side.page + 1,
    done: work.last,
  };
  const r = work.result;
  const next = {
    ...progress,
    [job.side]: recorded,
    enqueued: progress.enqueued + r.created + r.handedOver,
    updatedAt: deps.clock.now(),
  };
  // Sides alternate, so each side's Bitrix24 method recovers its operating time while the other runs.
  const nextSide = expectedSide(next);
  if (nextSide !== null) {
    const uses = (resource: string): boolean =>
      SIDE_METHODS[nextSide].includes(resource) ||
      !(resource.startsWith('b24:tasks.') || resource.startsWith('b24:task.'));
    const delay = await paceAfterPage(deps.kv, job.projectKey, deps.clock.now(), work.spend, uses);
    await pushPage(deps, { ...job, side: nextSide, cursor: next[nextSide].cursor, page: next[nextSide].page }, delay);
  }
  const finished = next.b24.done && next.jira.done;
  if (finished) await afterMigration(deps, job.projectKey, config);
  await store.save(job.projectKey, finished ? { ...next, state: 'done', finishedAt: deps.clock.now() } : next);
  // After the record: an attempt that dies before it leaves no entry, and its retry writes the page's one entry.
  await journalPage(ctx, config, job.side, job.page, work);
  return { kind: 'recorded', listed: work.listed, enqueued: r.created + r.handedOver };
}

export async function pushPage(deps: AppDeps, job: MigrationPageJob, delaySeconds = 0): Promise<void> {
  await deps.migrationQueue.push([toMigrationJobBody(job)], delaySeconds > 0 ? { delaySeconds } : {});
}
