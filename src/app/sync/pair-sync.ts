/**
 * One linked pair, brought in line: read the side the change came from, stop if it is our own echo, read the
 * other side, merge three ways against the last-synced state, write only what changed step by step, remembering
 * after each step what was written (write-plan.ts), and journal the result.
 */
import type { SyncConfig } from '../../core/config';
import type { Side } from '../../core/model';
import { planPairSync, type SyncBase } from '../../core/sync/merge';
import { reviseForShortenedCopies } from '../../core/sync/shortened';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import { copyNewB24Attachments } from '../attachments/from-b24';
import { handleDeletion } from './delete-policy';
import type { PairLink } from '../store/links';
import type { JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { writePlan, type Earlier } from './write-plan';
import { conflictSentences, refusedValues, summarise } from './journal-entry';
import {
  canonicalOfIssue,
  canonicalOfTask,
  mappingFor,
  readIssue,
  readTask,
  wholeDescriptionOfTask,
} from './read-sides';
import { shortenedNote } from './shortened-notes';

/** `gone-*`: that side's entity no longer exists (the caller applies the delete policy). */
export type LinkedOutcome = 'synced' | 'echo' | 'unchanged' | 'gone-b24' | 'gone-jira';

/** A linked pair synced from `source`; an entity found gone while syncing (its delete event lost) gets the delete policy like an event's. */
export async function syncPair(ctx: SyncContext, link: PairLink, source: Side | 'both'): Promise<void> {
  ctx.useProject(link.projectKey);
  const config = await ctx.configs.get(link.projectKey);
  if (!config) return;
  const outcome = await syncLinkedPair(ctx, link, config, source);
  if (outcome === 'gone-b24' || outcome === 'gone-jira')
    await handleDeletion(ctx, link, config, outcome === 'gone-b24' ? 'b24' : 'jira');
}

/** `refresh`: whether a shortened copy whose cut moved may be made afresh in Jira by one more pass (not by that pass). */
export async function syncLinkedPair(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  source: Side | 'both',
  refresh = true,
): Promise<LinkedOutcome> {
  const state = await ctx.states.get(link.taskId, link.issueId);
  const base = state?.base ?? null;
  // An interrupted sync left work to do: whichever side's event comes, the pair is merged in full.
  if (state?.pending) source = 'both';
  let task: B24Task | null = null;
  let issue: JiraIssue | null = null;
  if (source !== 'jira') {
    task = await readTask(ctx, link.taskId, config);
    if (!task) return 'gone-b24';
    // Before the echo check: a file attached in Bitrix24 changes no synced field, so the read looks like an echo.
    await copyNewB24Attachments(ctx, link, config, task);
    if (
      source === 'b24' &&
      (await ctx.ownWrites.readIsOwn('b24', link, {
        current: canonicalOfTask(task, await mappingFor(ctx, config, task, null)),
        base,
        config,
      }))
    )
      return 'echo';
  }
  if (source !== 'b24' || task) {
    issue = await readIssue(ctx, link.issueId, config);
    if (!issue) return 'gone-jira';
    if (
      source === 'jira' &&
      (await ctx.ownWrites.readIsOwn('jira', link, {
        current: canonicalOfIssue(issue, await mappingFor(ctx, config, null, issue)),
        base,
        config,
      }))
    )
      return 'echo';
  }
  task ??= await readTask(ctx, link.taskId, config);
  if (!task) return 'gone-b24';
  if (!issue) return 'gone-jira';
  const earlier = { problems: state?.problems ?? [], refused: state?.refused ?? [] };
  const merged = await mergeAndApply(ctx, link, config, { task, issue, base, carried: state?.carried ?? [], earlier });
  // A person's edit merged into a long Bitrix24 text moved where Jira's copy is cut: Jira gets the new copy now,
  // from fresh reads (the stored base already marks Bitrix24 as changed, so an interruption here loses nothing).
  if (merged.refresh && refresh) await syncLinkedPair(ctx, link, config, 'both', false);
  return merged.outcome;
}

interface PairRead {
  task: B24Task;
  issue: JiraIssue;
  base: SyncBase | null;
  /** Conflict sentences of an interrupted sync, journalled when it completes. */
  carried: JournalNote[];
  /** What that interrupted sync's landed steps met (refusals), journalled when it completes. */
  earlier: Earlier;
}

async function mergeAndApply(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  read: PairRead,
): Promise<{ outcome: LinkedOutcome; refresh: boolean }> {
  const started = ctx.now();
  const { task, issue, base } = read;
  const mapping = await mappingFor(ctx, config, task, issue);
  const current = { b24: canonicalOfTask(task, mapping), jira: canonicalOfIssue(issue, mapping) };
  const planned = planPairSync({
    ...current,
    base,
    ctx: mapping,
    b24ChangedAt: task.changedDate,
    jiraChangedAt: issue.fields.updated,
  });
  const revision = reviseForShortenedCopies({
    plan: planned,
    current,
    base,
    wholeDescription: () => wholeDescriptionOfTask(task),
    ctx: mapping,
  });
  const plan = revision.plan;
  const earlier = {
    problems: [...read.earlier.problems, ...revision.refused.map(shortenedNote)],
    refused: [...read.earlier.refused, ...revision.refused.map((r) => r.field)],
  };
  const announced = await ctx.ownWrites.expectFieldWrites(link, plan, config);
  const carried = [...read.carried, ...conflictSentences(plan)];
  const outcome = await writePlan(ctx, link, config, { plan, current, carried, earlier, mapping, task, issue });
  const summary = summarise(plan, outcome.problems, read.carried);
  const at = ctx.now();
  // Jira's copy is still to be made afresh: until then any event of either side merges in full.
  const pending = revision.refresh ? { pending: true } : {};
  await ctx.states.save(link.taskId, link.issueId, {
    base: outcome.base,
    lastSync: { at, outcome: summary.outcome, ...(summary.message ? { message: summary.message } : {}) },
    ...pending,
  });
  // The saved base now recognises our writes' echoes.
  await announced.settled();
  const refused = [...new Set([...outcome.refused, ...refusedValues(plan)])];
  if (summary.direction !== 'none' || summary.message) {
    await ctx.journal.record({
      at,
      projectKey: link.projectKey,
      direction: summary.direction,
      operation: 'sync',
      taskId: link.taskId,
      issueId: link.issueId,
      issueKey: link.issueKey,
      fields: summary.fields.filter((f) => !refused.includes(f)),
      outcome: summary.outcome,
      ...(refused.length ? { refused } : {}),
      ...(summary.message ? { message: summary.message } : {}),
      ...(summary.notes ? { notes: summary.notes } : {}),
      calls: ctx.calls(),
      durationMs: at - started,
    });
  }
  return { outcome: summary.direction === 'none' ? 'unchanged' : 'synced', refresh: revision.refresh };
}
