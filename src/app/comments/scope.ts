/**
 * A comment or file of a pair crosses only while the task is in the project's workgroup, as the field sync demands
 * (sync/held-back.ts): a task moved out, or linked before links were checked, is held back, and run-sync-job.ts journals it.
 */
import type { B24Comment } from '../../core/remote/b24';
import type { B24TaskScope } from '../../ports/b24';
import { checkInGroup } from '../sync/held-back';
import type { PairLink } from '../store/links';
import type { ProjectConfigStore } from '../store/project-config';
import type { SyncContext } from '../sync-context';

/**
 * Reads the task's scope (with the legacy comment `commentId`, in the same request) and throws TaskOutsideGroup
 * when the task left the paired workgroup. `task` is null when it is gone: then nothing crosses either.
 */
export async function readTaskInScope(
  ctx: SyncContext,
  link: PairLink,
  configs: ProjectConfigStore,
  commentId?: string,
): Promise<{ task: B24TaskScope | null; comment: B24Comment | null }> {
  const read = await ctx.b24.getTaskScope(link.taskId, commentId);
  const config = await configs.get(link.projectKey);
  // Without the project's config there is no paired workgroup to be in: nothing may cross.
  if (!config) return { task: null, comment: null };
  if (read.task) checkInGroup(read.task, config);
  return read;
}
