/**
 * A linked entity was deleted on one side: close, delete or unlink the other per the project's delete policy.
 * The pair is marked dissolved first (so the survivor is never paired again and our own delete's event is told
 * apart), the other side is acted on, and only then is the link removed: a failure part-way is retried by the
 * delete event's job, which finds the link still there and repeats the (idempotent) action.
 */
import type { SyncConfig } from '../../core/config';
import { errorMessage, isPermanent } from '../../core/errors';
import type { Side } from '../../core/model';
import { planDeletion, type DeletionDecision } from '../../core/sync/lifecycle';
import { note, sentencesOf, type JournalNote } from '../store/journal-notes';
import type { PairLink } from '../store/links';
import type { SyncContext } from '../sync-context';
import { moveIssueTo, moveTaskTo } from './status-walks';
import { readIssue, readTask } from './read-sides';

/** The survivor's read came back empty (gone too, or out of the app's sight): nothing was closed. */
const UNREADABLE = 'unreadable';

async function closeOther(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  on: Side,
  status: string | null,
): Promise<JournalNote | typeof UNREADABLE | undefined> {
  if (status === null)
    return note(
      'status.noCompletedRow',
      {},
      'No status row maps Bitrix24 "completed" to Jira; the issue was left open.',
    );
  if (on === 'jira') {
    const issue = await readIssue(ctx, link.issueId, config);
    if (!issue) return UNREADABLE;
    return (await moveIssueTo(ctx, issue.id, issue.fields.status, status)).blocked;
  }
  const task = await readTask(ctx, link.taskId, config);
  if (!task) return UNREADABLE;
  const connection = await ctx.connection.get();
  return (await moveTaskTo(ctx, task, status, connection?.actingUserId)).blocked;
}

export async function handleDeletion(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  deletedOn: Side,
): Promise<void> {
  const started = ctx.now();
  const decision = planDeletion(deletedOn, config);
  await ctx.links.markDissolved(link, deletedOn);
  const acted = await actOnOther(ctx, link, config, decision);
  await ctx.links.remove(link);
  await journalDeletion(ctx, link, deletedOn, decision.action, acted, started);
}

/** What acting on the survivor came to: a close that did not happen comes back as its problem, or as unreadable. */
interface Acted {
  problem?: JournalNote;
  refused: boolean;
  unreadable?: boolean;
}

/** The policy's action on the surviving side. */
async function actOnOther(
  ctx: SyncContext,
  link: PairLink,
  config: SyncConfig,
  decision: DeletionDecision,
): Promise<Acted> {
  if (decision.action === 'delete') {
    try {
      if (decision.on === 'jira') await ctx.jira.deleteIssue(link.issueId);
      else await ctx.b24.deleteTask(link.taskId);
    } catch (error) {
      // Both sides deleted: nothing left to do.
      if (!isPermanent(error, 'not-found')) throw error;
    }
  } else if (decision.action === 'close') {
    try {
      const problem = await closeOther(ctx, link, config, decision.on, decision.status);
      if (problem === UNREADABLE) return { refused: false, unreadable: true };
      return { ...(problem ? { problem } : {}), refused: false };
    } catch (error) {
      // A refused close (400) will be refused again: say so, and let the pair go as the policy says.
      if (!isPermanent(error, 'invalid-request') && !isPermanent(error, 'validation')) throw error;
      const detail = errorMessage(error);
      return { problem: note('closeRefused', { detail }, `Closing it was refused: ${detail}`), refused: true };
    }
  }
  return { refused: false };
}

async function journalDeletion(
  ctx: SyncContext,
  link: PairLink,
  deletedOn: Side,
  action: DeletionDecision['action'],
  { problem, refused, unreadable }: Acted,
  started: number,
): Promise<void> {
  const deleted = deletedOn === 'b24' ? `Bitrix24 task ${link.taskId}` : `Jira issue ${link.issueKey}`;
  const other = deletedOn === 'b24' ? `issue ${link.issueKey}` : `task ${link.taskId}`;
  // A close that was refused or blocked did not happen: the entry must not say it did, and says what is left to do.
  const outcome = unreadable ? 'unreadable' : action === 'close' && problem ? 'leftOpen' : action;
  const done = {
    unlink: `${other} unlinked`,
    delete: `${other} deleted`,
    close: `${other} closed`,
    leftOpen: `${other} unlinked but left open: close it by hand`,
    unreadable: `${other} could not be read (deleted too, or hidden from the app), so it was unlinked, not closed`,
  }[outcome];
  const notes = [
    note(
      `deleted.${deletedOn}.${outcome}`,
      { task: link.taskId, issue: link.issueKey },
      `${deleted} was deleted; ${done}.`,
    ),
    ...(problem ? [problem] : []),
  ];
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: link.projectKey,
    direction: deletedOn === 'b24' ? 'b24-to-jira' : 'jira-to-b24',
    operation: 'delete',
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: [],
    ...(refused ? { refused: ['status'] } : {}),
    outcome: problem || unreadable ? 'warning' : 'synced',
    message: sentencesOf(notes),
    notes,
    calls: ctx.calls(),
    durationMs: ctx.now() - started,
  });
}

/**
 * A delete event is a claim, not a fact (a replayed ONTASKDELETE carries a valid token): the entity is read
 * first, and only one that is really gone has the delete policy applied.
 */
export async function onDeleteEvent(ctx: SyncContext, link: PairLink, side: Side): Promise<void> {
  ctx.useProject(link.projectKey);
  const config = await ctx.configs.get(link.projectKey);
  if (!config) return;
  // The other side's delete, once this pair is being dissolved from there, is our own write's echo.
  const first = await ctx.links.dissolvedBy(side, side === 'b24' ? link.taskId : link.issueId);
  if (first !== null && first !== side) return;
  const stillThere =
    side === 'b24' ? await readTask(ctx, link.taskId, config) : await readIssue(ctx, link.issueId, config);
  if (stillThere) return;
  await handleDeletion(ctx, link, config, side);
}
