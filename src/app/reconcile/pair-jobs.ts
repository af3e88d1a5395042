/**
 * Turns changed entities into `pair-sync` jobs, one per pair: a task and its linked issue that both changed are
 * one job, whichever side is listed first. Unlinked entities get a job of their own (dispatch creates the
 * counterpart when the project is paired, after looking for markers).
 */
import type { SyncJob } from '../sync-jobs';
import type { LinkStore } from '../store/links';

type Origin = 'reconcile' | 'migration';

export class PairJobPlanner {
  private readonly seen = new Set<string>();

  constructor(
    private readonly links: LinkStore,
    private readonly origin: Origin,
  ) {}

  async forTask(taskId: string): Promise<{ job: SyncJob | null; linked: boolean }> {
    const link = await this.links.byTask(taskId);
    const job = this.once(
      link ? `pair:${link.taskId}:${link.issueId}` : `task:${taskId}`,
      link ? { taskId, issueId: link.issueId } : { taskId },
    );
    return { job, linked: link !== null };
  }

  /** `linked` even when the pair's job was already planned from its task (its comments still need a look). */
  async forIssue(issueId: string): Promise<{ job: SyncJob | null; linked: boolean }> {
    const link = await this.links.byIssue(issueId);
    const job = this.once(
      link ? `pair:${link.taskId}:${link.issueId}` : `issue:${issueId}`,
      link ? { taskId: link.taskId, issueId } : { issueId },
    );
    return { job, linked: link !== null };
  }

  private once(key: string, ids: { taskId?: string; issueId?: string }): SyncJob | null {
    if (this.seen.has(key)) return null;
    this.seen.add(key);
    return { kind: 'pair-sync', ...ids, origin: this.origin };
  }
}
