/**
 * One journal entry per migration page, so the Activity tab shows the run advancing and what each page did. The
 * message names the numbers; an entity that could not be created gets its own entry (chunk.ts).
 */
import type { SyncConfig } from '../../core/config';
import { note } from '../store/journal-notes';
import type { SyncContext } from '../sync-context';
import type { PageWork } from './page-work';
import type { MigrationSide } from '../store/migration-progress';

export async function journalPage(
  ctx: SyncContext,
  config: SyncConfig,
  side: MigrationSide,
  page: number,
  work: PageWork,
): Promise<void> {
  const r = work.result;
  const what = side === 'jira' ? 'Jira issues' : 'Bitrix24 tasks';
  const failed = r.failed > 0 ? `, ${r.failed} could not be created (see their entries)` : '';
  await ctx.journal.record({
    at: ctx.now(),
    projectKey: config.projectKey,
    direction: side === 'jira' ? 'jira-to-b24' : 'b24-to-jira',
    operation: 'migration-page',
    fields: [],
    outcome: r.failed > 0 || r.refused > 0 ? 'warning' : 'synced',
    calls: ctx.calls(),
    notes: [
      note(
        'migration.page',
        {
          page: String(page + 1),
          side,
          listed: String(work.listed),
          alreadyPaired: String(work.alreadyLinked),
          created: String(r.created),
          handedOver: String(r.handedOver),
          refused: String(r.refused),
          failed: String(r.failed),
        },
        `Migration page ${page + 1} of ${what}: ${work.listed} listed, ${work.alreadyLinked} already paired, ${r.created} paired now, ${r.handedOver} finished by marker, ${r.refused} refused in bulk and retried one by one${failed}.`,
      ),
    ],
  });
}
