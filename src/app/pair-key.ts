/**
 * Which jobs must never run at the same time: the jobs of one pair, whichever side they came from. A task-side job
 * names the task; an issue-side job names the issue, whose link gives the task. The task id names the pair, so a
 * Bitrix24 event and a Jira event about one pair wait for each other.
 */
import { jobSubject, type SyncJob } from './sync-jobs';
import type { LinkStore } from './store/links';

/** The entity a job names, known when it is pushed: a task's or an issue's own key. */
export function entityKeyOf(job: SyncJob): string | null {
  const { taskId, issueId } = jobSubject(job);
  if (taskId !== undefined) return `task:${taskId}`;
  if (issueId !== undefined) return `issue:${issueId}`;
  return null;
}

/**
 * The pair a job touches, read when it runs. An issue not (yet) paired stands for itself; a pair being made by
 * the job that creates the other side is not known here, and is kept single by the app's own write intents.
 */
export async function pairKeyOf(job: SyncJob, links: Pick<LinkStore, 'byIssue'>): Promise<string | null> {
  const { taskId, issueId } = jobSubject(job);
  if (taskId !== undefined) return `pair:${taskId}`;
  if (issueId === undefined) return null;
  const link = await links.byIssue(issueId);
  return link ? `pair:${link.taskId}` : `issue:${issueId}`;
}
