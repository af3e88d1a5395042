/**
 * What a reconciliation spanning invocations has seen so far, kept in KVS rather than in its continuation event:
 * Forge caps an event for a 900 s consumer at 100 KB, and an event carrying every version seen passed that at about
 * 4,000 changed entities. Only the newest MAX_REMEMBERED versions per side are kept, the same the completed cursor
 * keeps (versions.ts), so the record stays bounded: at most 2 × 500 entries of ≤ 64 + 64 characters, under 140 KB,
 * within KVS's 240 KiB value limit.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from '../store/keys';
import { trimVersions, versionsSchema, type Versions } from './versions';

export interface ReconcileRunState {
  /** The run's `startedAt`: a continuation of another run (completed, or replaced after going stale) is told apart. */
  startedAt: number;
  seen: { b24: Versions; jira: Versions };
}

const schema = z.object({ startedAt: z.number(), seen: z.object({ b24: versionsSchema, jira: versionsSchema }) });

export class ReconcileRunStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<ReconcileRunState | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.reconcileRun(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  /**
   * Keeping the newest versions of each page as it goes equals keeping the newest of the whole scan: every task
   * listed is at or after the scan's Bitrix24 `since`, the only older bound `cursorAfter` applies to a continued scan.
   */
  async save(projectKey: string, run: ReconcileRunState): Promise<void> {
    await this.kv.set(keys.reconcileRun(projectKey), {
      startedAt: run.startedAt,
      seen: { b24: trimVersions(run.seen.b24), jira: trimVersions(run.seen.jira) },
    });
  }

  async clear(projectKey: string): Promise<void> {
    await this.kv.delete(keys.reconcileRun(projectKey));
  }
}
