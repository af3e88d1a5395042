/**
 * The migration's use cases for the settings page: start (or resume) and read progress. Starting while a run is
 * alive returns that run; a failed or stalled run resumes from its recorded cursors under a new run id, so pages
 * of the old chain that still arrive are dropped.
 */
import { PermanentError } from '../../core/errors';
import type { AppDeps } from '../deps';
import { ProjectConfigStore } from '../store/project-config';
import { pushPage } from './page';
import { freshSide, MigrationProgressStore, type MigrationProgress, type MigrationSide } from './progress';

/** A running migration whose record has not moved for this long is presumed stalled (a lost page job). */
export const STALLED_AFTER_MS = 30 * 60_000;

export function migrationStatus(deps: AppDeps, projectKey: string): Promise<MigrationProgress | null> {
  return new MigrationProgressStore(deps.kv).get(projectKey);
}

function resumable(progress: MigrationProgress | null, now: number): progress is MigrationProgress {
  if (!progress) return false;
  if (progress.state === 'failed') return true;
  return progress.state === 'running' && now - progress.updatedAt >= STALLED_AFTER_MS;
}

export async function startMigration(deps: AppDeps, projectKey: string): Promise<MigrationProgress> {
  if (!(await new ProjectConfigStore(deps.kv).get(projectKey))) {
    throw new PermanentError('validation', `Project ${projectKey} is not paired with a Bitrix24 workgroup yet.`, { code: 'migration:not-configured' });
  }
  const store = new MigrationProgressStore(deps.kv);
  const current = await store.get(projectKey);
  const now = deps.clock.now();
  if (current?.state === 'running' && !resumable(current, now)) return current;
  const runId = deps.newId();
  const progress: MigrationProgress = resumable(current, now)
    ? { ...current, state: 'running', runId, updatedAt: now }
    : { state: 'running', runId, startedAt: now, updatedAt: now, b24: freshSide(), jira: freshSide(), enqueued: 0 };
  delete progress.error;
  await store.save(projectKey, progress);
  const side: MigrationSide = progress.jira.done ? 'b24' : 'jira';
  await pushPage(deps, { kind: 'migration-page', projectKey, runId, side, cursor: progress[side].cursor, page: progress[side].page });
  return progress;
}
