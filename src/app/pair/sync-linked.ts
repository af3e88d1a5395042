/**
 * One linked pair, brought in line: read the side the change came from, stop if it is our own echo, read the
 * other side, merge three ways against the last-synced state, write only what changed step by step, remembering
 * after each step what was written (apply-plan), and journal the result.
 */
import type { SyncConfig } from '../../core/config';
import type { CanonicalTask, Side } from '../../core/model';
import { intentsFor, isEchoOfIntent } from '../../core/sync/echo';
import { sameValue, syncedFields, getField } from '../../core/sync/fields';
import { planPairSync, type SyncBase } from '../../core/sync/merge';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import { copyNewB24Attachments } from '../attachments/from-b24';
import { IntentStore } from '../store/intents';
import type { PairLink } from '../store/links';
import type { JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import { applyPlan, type Earlier } from './apply-plan';
import { conflictSentences, refusedValues, summarise } from './journal-entry';
import { canonicalOfIssue, canonicalOfTask, mappingFor, readIssue, readTask } from './read';

function sameTask(config: SyncConfig, a: CanonicalTask, b: CanonicalTask): boolean {
  return syncedFields(config).every((f) => sameValue(f, getField(a, f), getField(b, f)));
}

/** `gone-*`: that side's entity no longer exists (the caller applies the delete policy). */
export type LinkedOutcome = 'synced' | 'echo' | 'unchanged' | 'gone-b24' | 'gone-jira';

/**
 * Reads one side and reports whether it is merely our own write coming back: it reads as the last sync left it,
 * or exactly as the intent of our latest write says (every synced field). A matched intent is consumed.
 */
async function isEcho(ctx: SyncContext, side: Side, link: PairLink, current: CanonicalTask, base: SyncBase | null, config: SyncConfig): Promise<boolean> {
  if (base && sameTask(config, current, base[side])) return true;
  const intents = new IntentStore(ctx.deps.kv);
  const id = side === 'b24' ? link.taskId : link.issueId;
  const intent = await intents.get(side, id);
  if (intent === null || !isEchoOfIntent(current, intent)) return false;
  await intents.remove(side, id);
  return true;
}

export async function syncLinkedPair(ctx: SyncContext, link: PairLink, config: SyncConfig, source: Side | 'both'): Promise<LinkedOutcome> {
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
    if (source === 'b24' && (await isEcho(ctx, 'b24', link, canonicalOfTask(task, await mappingFor(ctx, config, task, null)), base, config))) return 'echo';
  }
  if (source !== 'b24' || task) {
    issue = await readIssue(ctx, link.issueId, config);
    if (!issue) return 'gone-jira';
    if (source === 'jira' && (await isEcho(ctx, 'jira', link, canonicalOfIssue(issue, await mappingFor(ctx, config, null, issue)), base, config))) return 'echo';
  }
  task ??= await readTask(ctx, link.taskId, config);
  if (!task) return 'gone-b24';
  if (!issue) return 'gone-jira';
  const earlier = { problems: state?.problems ?? [], refused: state?.refused ?? [] };
  return mergeAndApply(ctx, link, config, { task, issue, base, carried: state?.carried ?? [], earlier });
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

async function mergeAndApply(ctx: SyncContext, link: PairLink, config: SyncConfig, read: PairRead): Promise<LinkedOutcome> {
  const started = ctx.now();
  const { task, issue, base } = read;
  const mapping = await mappingFor(ctx, config, task, issue);
  const current = { b24: canonicalOfTask(task, mapping), jira: canonicalOfIssue(issue, mapping) };
  const plan = planPairSync({ ...current, base, ctx: mapping, b24ChangedAt: task.changedDate, jiraChangedAt: issue.fields.updated });
  const intents = new IntentStore(ctx.deps.kv);
  const written = intentsFor(plan, syncedFields(config));
  for (const intent of written) await intents.put(intent.side === 'b24' ? link.taskId : link.issueId, intent);
  const carried = [...read.carried, ...conflictSentences(plan)];
  const outcome = await applyPlan(ctx, link, config, { plan, current, carried, earlier: read.earlier, mapping, task, issue });
  const summary = summarise(plan, outcome.problems, read.carried);
  const at = ctx.now();
  await ctx.states.save(link.taskId, link.issueId, { base: outcome.base, lastSync: { at, outcome: summary.outcome, ...(summary.message ? { message: summary.message } : {}) } });
  // The saved base now recognises our writes' echoes; an intent left behind could only mistake a person's edit.
  for (const intent of written) await intents.remove(intent.side, intent.side === 'b24' ? link.taskId : link.issueId);
  const refused = [...new Set([...outcome.refused, ...refusedValues(plan)])];
  if (summary.direction !== 'none' || summary.message) {
    await ctx.journal.record({
      at, projectKey: link.projectKey, direction: summary.direction, operation: 'sync', taskId: link.taskId, issueId: link.issueId,
      issueKey: link.issueKey, fields: summary.fields.filter((f) => !refused.includes(f)), outcome: summary.outcome,
      ...(refused.length ? { refused } : {}), ...(summary.message ? { message: summary.message } : {}),
      ...(summary.notes ? { notes: summary.notes } : {}), calls: ctx.calls(), durationMs: at - started,
    });
  }
  return summary.direction === 'none' ? 'unchanged' : 'synced';
}
