/**
 * One journal entry per migration page, so the Activity tab shows the run advancing and what each page did. The
 * message names the numbers; the pairs themselves get their own entries from the pair-sync jobs.
 */
import { JournalStore } from '../store/journal';
import type { AppDeps } from '../deps';
import type { MigrationPageJob } from './jobs';

export async function journalPage(deps: AppDeps, job: MigrationPageJob, listed: number, enqueued: number): Promise<void> {
  const what = job.side === 'b24' ? 'Bitrix24 tasks' : 'Jira issues';
  await new JournalStore(deps.kv, deps.newId, deps.log).record({
    at: deps.clock.now(), projectKey: job.projectKey, direction: job.side === 'b24' ? 'b24-to-jira' : 'jira-to-b24', operation: 'migration-page',
    fields: [], outcome: 'synced', message: `Migration page ${job.page + 1} of ${what}: ${listed} listed, ${enqueued} to pair, ${listed - enqueued} already paired.`,
  });
}
