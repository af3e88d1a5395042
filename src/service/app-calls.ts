/**
 * Everything the service calls in src/app and in the platform-free parts of src/entry, in one file: the Bitrix24
 * intake, the two job runners, the scheduled reconcile and watch, and the resolver definitions. Each does what its
 * Forge handler does (src/entry/*.ts), without Forge; when those modules move, only this file follows them.
 */
import type { AppDeps } from '../app/deps';
import { receiveB24Event, type IncomingDelivery, type IntakeResult } from '../app/intake/b24-event';
import { drainBacklog } from '../app/intake/backlog';
import { drainOfflineEvents } from '../app/intake/offline-drain';
import { migrationQueueJobSchema, runMigrationQueueJob } from '../app/migration-queue';
import { reconcileAll } from '../app/reconcile/reconcile';
import { watchB24Events } from '../app/reconcile/watch';
import { retryDecision } from '../app/retry-policy';
import { runSyncJob, type JobOutcome } from '../app/run-sync-job';
import { holdMigrationPage, stoppedByUninstall } from '../app/stop-after-uninstall';
import { storesOf } from '../app/store/stores';
import { syncJobSchema } from '../app/sync-jobs';
import { ISSUE_DEFINITIONS } from '../entry/resolvers/issue-definitions';
import type { ResolverCall } from '../entry/resolvers/run';
import { SETTINGS_DEFINITIONS } from '../entry/resolvers/settings-definitions';
import type { JobDelivery, JobVerdict, QueueName } from './engines';

export { MAX_EVENT_BODY_BYTES } from '../app/intake/b24-event';
export type { IntakeResult };
export type { ResolverHost, ResolverRequest } from '../entry/resolvers/run';
export { UNCHECKED, type Permission, type RightsPort } from '../entry/resolvers/rights';

/** The Bitrix24 event intake, the web trigger's own (it builds its screens from the ports). */
export function receiveB24Delivery(delivery: IncomingDelivery, deps: AppDeps): Promise<IntakeResult> {
  return receiveB24Event(delivery, deps);
}

/** The resolver calls by page, as the Forge resolver functions define them. */
export const RESOLVER_DEFINITIONS: Record<'settings' | 'issue', Record<string, ResolverCall>> = {
  settings: SETTINGS_DEFINITIONS,
  issue: ISSUE_DEFINITIONS,
};

async function runMigration(body: unknown, deps: AppDeps, attempt: number): Promise<JobOutcome | string> {
  const job = migrationQueueJobSchema.safeParse(body);
  if (!job.success) return `malformed migration job: ${job.error.issues[0]?.message ?? 'invalid'}`;
  if (!(await stoppedByUninstall(deps, `migration job ${job.data.kind}`)))
    return runMigrationQueueJob(job.data, deps, { attempt });
  await holdMigrationPage(deps, job.data);
  return { kind: 'done' };
}

async function runSync(body: unknown, deps: AppDeps, attempt: number): Promise<JobOutcome | string> {
  const job = syncJobSchema.safeParse(body);
  if (!job.success) return `malformed sync job: ${job.error.issues[0]?.message ?? 'invalid'}`;
  return runSyncJob(job.data, deps, { attempt });
}

/**
 * One delivery, run as the Forge consumer runs it, its outcome turned into the engine's verdict: a retry waits
 * as long as on Forge (app/retry-policy); a job that gave up (already journalled for Retry) or a body that is
 * not a job goes to the dead-letter queue with its reason, rather than being dropped as Forge must.
 */
export async function runJob(queue: QueueName, delivery: JobDelivery, deps: AppDeps): Promise<JobVerdict> {
  const outcome = await (queue === 'sync' ? runSync : runMigration)(delivery.body, deps, delivery.attempt);
  if (typeof outcome === 'string') {
    deps.log.error(`dead-lettered a malformed ${queue} job`, { job: delivery.id });
    return { kind: 'dead', reason: outcome };
  }
  if (outcome.kind === 'failed') return { kind: 'dead', reason: outcome.message };
  const decision = retryDecision(outcome, delivery.attempt);
  return decision ? { kind: 'retry', afterSeconds: decision.retryAfterSeconds } : { kind: 'done' };
}

/** The hourly reconcile, as the `reconcile` scheduled trigger runs it. */
export async function reconcileTick(deps: AppDeps): Promise<void> {
  if (await stoppedByUninstall(deps, 'reconciliation')) return;
  deps.log.info('reconciliation finished', { projects: await reconcileAll(deps) });
}

/** The five-minute watch, as the `event-watch` scheduled trigger runs it: kept intake events first. */
export async function watchTick(deps: AppDeps): Promise<void> {
  if (await stoppedByUninstall(deps, 'event watch')) return;
  const kept = await drainBacklog(deps);
  if (kept > 0) deps.log.info('event watch pushed events kept at intake', { jobs: kept });
  const result = await watchB24Events(deps);
  if (result.status === 'reconciled')
    deps.log.info('event watch reconciled', { changes: result.changes, projects: result.results });
}

/**
 * Every minute, a portal that cannot call the service (offline events) is read instead; for a connection with
 * online events the drain returns before any REST call.
 */
export async function offlineTick(deps: AppDeps): Promise<void> {
  const result = await drainOfflineEvents(deps);
  if (result.pages > 0) deps.log.info('offline Bitrix24 events drained', { ...result });
}

/** Per paired project, when its journal last recorded a synced change (the newest page of its journal only). */
export async function lastSyncedByProject(deps: AppDeps): Promise<Map<string, number>> {
  const { journal, configs } = storesOf(deps);
  const found = new Map<string, number>();
  for (const project of await configs.list()) {
    const { entries } = await journal.list(project, { limit: 50 });
    const synced = entries.filter((e) => e.outcome === 'synced').map((e) => e.at);
    if (synced.length > 0) found.set(project, Math.max(...synced));
  }
  return found;
}
