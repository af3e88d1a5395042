/**
 * Events of the app's own Bitrix24 writes, recognised before they are queued. Bitrix24 has no "ignore self", and
 * each event that reaches the Forge queue spends one of its 500 pushes a minute: the initial migration alone
 * fires one per task it marks, so screening them where they arrive keeps the queue free for people's edits.
 * Only what the consumer would dismiss unread anyway is screened here:
 * - the add event of a task that is already paired (the app created it; a person cannot add an existing task);
 * - an update the migration announced and counted before making it (migration/echo.ts). Counting keeps a
 *   person's edit of the same task: it fires an event of its own, which then finds no count left.
 * Anything else is queued as before, including an add event that arrives before its link is saved.
 */
import type { AppDeps } from './deps';
import type { SyncJob } from './jobs';
import { consumeEcho } from './migration/echo';
import { LinkStore } from './store/links';

export function ownWriteScreen(deps: Pick<AppDeps, 'kv'>): (job: SyncJob) => Promise<boolean> {
  return async (job) => {
    if (job.kind !== 'task-changed') return false;
    const link = await new LinkStore(deps.kv).byTask(job.taskId);
    if (!link) return false;
    return job.added === true || consumeEcho(deps.kv, job.taskId);
  };
}
