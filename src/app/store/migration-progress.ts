/**
 * Progress of a project's initial migration, one KVS record (keys.migration) written only by the page chain, so
 * the settings page can show it and a restarted or retried page knows where the run stands.
 */
import { z } from 'zod';
import type { JsonValue, KeyValueStore } from '../../ports/store';
import { keys } from './keys';

const sideSchema = z.object({
  /** Entities listed on this side so far. */
  listed: z.number().int().min(0),
  /** Of those, already paired when listed (nothing to do). */
  alreadyLinked: z.number().int().min(0),
  /** Where the next page starts: the last Bitrix24 task id, or Jira's nextPageToken. */
  cursor: z.string().nullable(),
  /** Pages recorded; the next page job carries this number. */
  page: z.number().int().min(0),
  done: z.boolean(),
});

const progressSchema = z.object({
  /** The page chain writes running, done and failed; paused and cancelled are how control.ts shows a held run. */
  state: z.enum(['running', 'done', 'failed', 'paused', 'cancelled']),
  runId: z.string(),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
  b24: sideSchema,
  jira: sideSchema,
  /** pair-sync jobs put on the sync queue by this migration. */
  enqueued: z.number().int().min(0),
  error: z.string().optional(),
  /** Why the run stopped, as a message code (`errors.<code>`) with parameters the Migration tab words. */
  errorCode: z.string().optional(),
  errorParams: z.record(z.string(), z.string()).optional(),
});

export type MigrationSide = 'b24' | 'jira';
export type SideProgress = z.infer<typeof sideSchema>;
export type MigrationProgress = z.infer<typeof progressSchema>;

/**
 * Whose page comes next. The sides alternate, Jira first (jira-page.ts says why), until one is done: so while both
 * run, Jira's turn is when both have recorded as many pages. Start, Resume and the page gate all ask this, so a
 * page pushed just before its predecessor died waits for that predecessor's retry instead of running beside it.
 */
export function expectedSide(progress: Pick<MigrationProgress, 'b24' | 'jira'>): MigrationSide | null {
  if (progress.jira.done) return progress.b24.done ? null : 'b24';
  if (progress.b24.done) return 'jira';
  return progress.jira.page <= progress.b24.page ? 'jira' : 'b24';
}

export const freshSide = (): SideProgress => ({ listed: 0, alreadyLinked: 0, cursor: null, page: 0, done: false });

export class MigrationProgressStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<MigrationProgress | null> {
    const parsed = progressSchema.safeParse(await this.kv.get(keys.migration(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  async save(projectKey: string, progress: MigrationProgress): Promise<void> {
    await this.kv.set(keys.migration(projectKey), JSON.parse(JSON.stringify(progress)) as JsonValue);
  }
}

/** Reconciliation of a project waits while its migration runs (reconcile/after-migration.ts says why). */
export async function migrationRunning(deps: { kv: KeyValueStore }, projectKey: string): Promise<boolean> {
  return (await new MigrationProgressStore(deps.kv).get(projectKey))?.state === 'running';
}
