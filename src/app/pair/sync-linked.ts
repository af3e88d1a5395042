/**
 * One linked pair, brought in line: read the side the change came from, stop if it is our own echo, read the
 * other side, merge three ways against the last-synced state, write only what changed, remember the result.
 */
import type { SyncConfig } from '../../core/config';
import { readB24Status, readJiraStatus } from '../../core/mapping/status';
import { toB24Fields, toJiraFields } from '../../core/mapping/to-side';
import type { CanonicalTask, Side } from '../../core/model';
import { intentsFor, isEchoOfIntent } from '../../core/sync/echo';
import { sameValue, syncedFields, getField } from '../../core/sync/fields';
import { planPairSync, type SyncBase } from '../../core/sync/merge';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import { copyNewB24Attachments } from '../attachments/from-b24';
import { IntentStore } from '../store/intents';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { applyToB24 } from './apply-b24';
import { applyToJira } from './apply-jira';
import { keepJiraAsRead, type RefusedField, refusalSentence } from './jira-refusals';
import { summarise } from './journal-entry';
import { canonicalOfIssue, canonicalOfTask, mappingFor, readIssue, readTask } from './read';

function sameTask(config: SyncConfig, a: CanonicalTask, b: CanonicalTask): boolean {
  return syncedFields(config).every((f) => sameValue(f, getField(a, f), getField(b, f)));
}

export type LinkedOutcome = 'synced' | 'echo' | 'unchanged' | 'gone';

/** Reads one side and reports whether it is merely our own write coming back. */
async function isEcho(ctx: SyncContext, side: Side, link: PairLink, current: CanonicalTask, base: SyncBase | null, config: SyncConfig): Promise<boolean> {
  if (base && sameTask(config, current, base[side])) return true;
  const intent = await new IntentStore(ctx.deps.kv).get(side, side === 'b24' ? link.taskId : link.issueId);
  return intent !== null && isEchoOfIntent(current, intent);
}

export async function syncLinkedPair(ctx: SyncContext, link: PairLink, config: SyncConfig, source: Side | 'both'): Promise<LinkedOutcome> {
  const state = await ctx.states.get(link.taskId, link.issueId);
  const base = state?.base ?? null;
  let task: B24Task | null = null;
  let issue: JiraIssue | null = null;
  if (source !== 'jira') {
    task = await readTask(ctx, link.taskId, config);
    if (!task) return 'gone';
    // Before the echo check: a file attached in Bitrix24 changes no synced field, so the read looks like an echo.
    await copyNewB24Attachments(ctx, link, config, task);
    if (source === 'b24' && (await isEcho(ctx, 'b24', link, canonicalOfTask(task, await mappingFor(ctx, config, task, null)), base, config))) return 'echo';
  }
  if (source !== 'b24' || task) {
    issue = await readIssue(ctx, link.issueId, config);
    if (!issue) return 'gone';
    if (source === 'jira' && (await isEcho(ctx, 'jira', link, canonicalOfIssue(issue, await mappingFor(ctx, config, null, issue)), base, config))) return 'echo';
  }
  task ??= await readTask(ctx, link.taskId, config);
  if (!task || !issue) return 'gone';
  return mergeAndApply(ctx, link, config, task, issue, base);
}

async function mergeAndApply(ctx: SyncContext, link: PairLink, config: SyncConfig, task: B24Task, issue: JiraIssue, base: SyncBase | null): Promise<LinkedOutcome> {
  const started = ctx.now();
  const mapping = await mappingFor(ctx, config, task, issue);
  const plan = planPairSync({
    b24: canonicalOfTask(task, mapping),
    jira: canonicalOfIssue(issue, mapping),
    base,
    ctx: mapping,
    b24ChangedAt: task.changedDate,
    jiraChangedAt: issue.fields.updated,
  });
  const intents = new IntentStore(ctx.deps.kv);
  for (const intent of intentsFor(plan)) await intents.put(intent.side === 'b24' ? link.taskId : link.issueId, intent);
  const problems: string[] = [];
  const nextBase = { b24: plan.nextBase.b24, jira: plan.nextBase.jira };
  const refused: RefusedField[] = [];
  const jiraOutcome = await applyToJira(ctx, link.issueId, toJiraFields(plan.toJira, mapping), issue.fields.status, refused);
  problems.push(...refused.map((r) => refusalSentence(r, plan.toJira, config)));
  nextBase.jira = keepJiraAsRead(nextBase.jira, canonicalOfIssue(issue, mapping), refused, config);
  if (jiraOutcome?.blocked) {
    problems.push(jiraOutcome.blocked);
    // Remember where the issue really is, so the unreachable status is not retried on every event.
    nextBase.jira = { ...nextBase.jira, status: readJiraStatus(jiraOutcome.reached.name, config.statuses) };
  }
  const connection = await ctx.connection.get();
  const b24Write = toB24Fields(plan.toB24, mapping, { current: task });
  const b24Outcome = await applyToB24(ctx, task, b24Write, connection?.actingUserId);
  if (b24Outcome?.blocked) problems.push(b24Outcome.blocked);
  if (b24Outcome?.note) problems.push(b24Outcome.note);
  // The plan's read-back is right unless the task ended elsewhere (blocked, or TASK_CONTROL holding it at 4).
  if (b24Outcome && b24Outcome.reached !== b24Write.status) {
    nextBase.b24 = { ...nextBase.b24, status: readB24Status(b24Outcome.reached, task.userFields, config.statuses) };
  }
  const summary = summarise(plan, problems);
  const at = ctx.now();
  await ctx.states.save(link.taskId, link.issueId, { base: nextBase, lastSync: { at, outcome: summary.outcome, ...(summary.message ? { message: summary.message } : {}) } });
  if (summary.direction !== 'none' || summary.message) {
    await ctx.journal.record({
      at, projectKey: link.projectKey, direction: summary.direction, operation: 'sync', taskId: link.taskId, issueId: link.issueId,
      issueKey: link.issueKey, fields: summary.fields, outcome: summary.outcome, ...(summary.message ? { message: summary.message } : {}),
      calls: ctx.calls(), durationMs: at - started,
    });
  }
  return summary.direction === 'none' ? 'unchanged' : 'synced';
}
