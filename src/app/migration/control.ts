/**
 * Pause and Cancel of a running migration. The request is its own KVS record, never written by the page chain, so
 * a page that was mid-flight when the admin pressed Pause cannot overwrite it when it records its progress. Each
 * page asks at its start (`heldRun`) and stops there: its checkpoint (cursor and page number) stays as the last
 * recorded page left it, and Resume starts a new chain from it.
 */
import { z } from 'zod';
import type { AppDeps } from '../deps';
import type { MigrationPageJob } from './jobs';
import type { MigrationProgress } from '../store/migration-progress';

export type ControlAction = 'pause' | 'cancel';

const controlSchema = z.object({ action: z.enum(['pause', 'cancel']), runId: z.string(), at: z.number() });

export type MigrationControl = z.infer<typeof controlSchema>;

const controlKey = (projectKey: string): string => `migration-control:${projectKey.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

export async function readControl(deps: AppDeps, projectKey: string): Promise<MigrationControl | null> {
  const parsed = controlSchema.safeParse(await deps.kv.get(controlKey(projectKey)));
  return parsed.success ? parsed.data : null;
}

export async function writeControl(deps: AppDeps, projectKey: string, control: MigrationControl): Promise<void> {
  await deps.kv.set(controlKey(projectKey), { ...control });
}

export async function clearControl(deps: AppDeps, projectKey: string): Promise<void> {
  await deps.kv.delete(controlKey(projectKey));
}

/** The run as people see it: a running record whose run was paused or cancelled says so. */
export function effectiveProgress(
  progress: MigrationProgress | null,
  control: MigrationControl | null,
): MigrationProgress | null {
  if (!progress || progress.state !== 'running' || control?.runId !== progress.runId) return progress;
  return { ...progress, state: control.action === 'pause' ? 'paused' : 'cancelled' };
}

/** Whether this page belongs to a run that was paused or cancelled (then it stops before any call). */
export async function heldRun(deps: AppDeps, job: MigrationPageJob): Promise<ControlAction | null> {
  const control = await readControl(deps, job.projectKey);
  return control?.runId === job.runId ? control.action : null;
}
