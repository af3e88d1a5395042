/**
 * Pairs that must not sync, found when a side is read, before anything is written:
 * - an issue under a Jira issue security level is seen only by the people in that level, while every member of the
 *   paired workgroup reads the Bitrix24 task: unless the project's mapping says to copy them, such an issue is not
 *   synced at all (no task created, no field copied);
 * - a linked task that is not in the project's workgroup (moved out, or linked before links were checked) belongs
 *   to people the project does not pair with: it is neither written nor read into Jira;
 * - a project whose workgroup the site admin no longer lists for it (pairing-access.ts): nothing of its pairs crosses.
 * The journal says which pair was held back and why.
 */
import { restrictedPolicy, type SyncConfig } from '../../core/config';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { SyncJob } from '../sync-jobs';
import { PairingNotListed } from '../pairing-access';
import { note, type JournalNote } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';

/** Thrown by the sync's issue read (read-sides.ts) so a sync stops before anything is written to Bitrix24. */
export class SecuredIssueHeldBack extends Error {
  override readonly name = 'SecuredIssueHeldBack';
  constructor(readonly issue: JiraIssue) {
    super(
      `Issue ${issue.key} is under the security level "${issue.fields.security?.name ?? ''}" in Jira, so it is not synced to Bitrix24 (the project's mapping holds back restricted issues).`,
    );
  }

  get note(): JournalNote {
    return note(
      'heldBack.secured',
      { issue: this.issue.key, level: this.issue.fields.security?.name ?? '' },
      this.message,
    );
  }
}

/**
 * Thrown by the sync's task read (read-sides.ts), and by comment and file jobs before anything crosses
 * (comments/scope.ts), for a task outside the project's workgroup.
 */
export class TaskOutsideGroup extends Error {
  override readonly name = 'TaskOutsideGroup';
  constructor(
    readonly task: TaskInGroup,
    readonly config: SyncConfig,
  ) {
    super(
      `Task ${task.id} is not in the Bitrix24 workgroup ${config.b24GroupId} paired with project ${config.projectKey}, so the pair is not synced. Unlink it in the issue panel, or move the task back to the workgroup.`,
    );
  }

  get note(): JournalNote {
    return note(
      'heldBack.outsideGroup',
      { task: this.task.id, group: this.config.b24GroupId, project: this.config.projectKey },
      this.message,
    );
  }
}

/** A task as read by the field sync, or only its scope as read by a comment or file job. */
type TaskInGroup = Pick<B24Task, 'id' | 'groupId'>;

export function checkInGroup<T extends TaskInGroup>(task: T, config: SyncConfig): T {
  if (task.groupId !== config.b24GroupId) throw new TaskOutsideGroup(task, config);
  return task;
}

export function checkSecured(issue: JiraIssue, config: SyncConfig): JiraIssue {
  if (issue.fields.security && restrictedPolicy(config).securedIssues === 'hold-back')
    throw new SecuredIssueHeldBack(issue);
  return issue;
}

type HeldBack = SecuredIssueHeldBack | TaskOutsideGroup | PairingNotListed;

function subjectOf(
  held: HeldBack,
  taskId?: string,
): { projectKey: string; taskId?: string; issueId?: string; issueKey?: string } {
  if (held instanceof SecuredIssueHeldBack)
    return {
      projectKey: held.issue.fields.project.key,
      issueId: held.issue.id,
      issueKey: held.issue.key,
      ...(taskId ? { taskId } : {}),
    };
  if (held instanceof TaskOutsideGroup) return { projectKey: held.config.projectKey, taskId: held.task.id };
  return { projectKey: held.pairing.projectKey, ...(taskId ? { taskId } : {}) };
}

async function journalHeldBack(ctx: SyncContext, held: HeldBack, taskId?: string): Promise<void> {
  const subject = subjectOf(held, taskId);
  await ctx.journal.record({
    at: ctx.now(),
    ...subject,
    direction: held instanceof SecuredIssueHeldBack ? 'jira-to-b24' : 'none',
    operation: 'held-back',
    fields: [],
    outcome: 'skipped',
    notes: [held.note],
    calls: ctx.calls(),
  });
}

/**
 * Runs a job; a pair held back on the way (its sync read throws before anything is written) ends the job with a
 * journal line instead of an error, so it is neither retried nor reported as a failure.
 */
export async function holdingBackSecured(
  ctx: SyncContext,
  taskId: string | undefined,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (
      !(error instanceof SecuredIssueHeldBack) &&
      !(error instanceof TaskOutsideGroup) &&
      !(error instanceof PairingNotListed)
    )
      throw error;
    await journalHeldBack(ctx, error, taskId);
  }
}

/** For an unlinked issue already read: true (and journalled) when it must not get a task. */
export async function heldBackSecured(ctx: SyncContext, config: SyncConfig, issue: JiraIssue): Promise<boolean> {
  try {
    checkSecured(issue, config);
    return false;
  } catch (error) {
    if (!(error instanceof SecuredIssueHeldBack)) throw error;
    await journalHeldBack(ctx, error);
    return true;
  }
}

/**
 * A file of an issue under a security level stays in Jira like the issue: before a file would be copied, the issue
 * is read (throwing when held back). A file the size limit refuses anyway costs no read.
 */
export async function checkAttachmentIssue(
  ctx: SyncContext,
  issueId: string,
  config: SyncConfig,
  job: Extract<SyncJob, { kind: 'jira-attachment' }>,
): Promise<void> {
  if (job.action !== 'created' || restrictedPolicy(config).securedIssues !== 'hold-back') return;
  if (job.size !== undefined && job.size > config.attachmentMaxBytes) return;
  const read = await ctx.jira.getIssue(issueId);
  if (read) checkSecured(read.issue, config);
}
