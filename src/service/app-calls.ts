/**
 * Everything the service calls in src/app and in the platform-free parts of src/entry, in one file: the Bitrix24
 * intake, the two job runners, the scheduled reconcile and watch, and the resolver definitions. Each does what its
 * Forge handler does (src/entry/*.ts), without Forge; when those modules move, only this file follows them.
 */
import type { AppDeps } from '../app/deps';
import { drainBacklog, withBacklog } from '../app/intake-backlog';
import { syncJobSchema } from '../app/jobs';
import { holdMigrationPage, stoppedByUninstall } from '../app/lifecycle';
import { runMigrationQueueJob } from '../app/migration/consume';
import { migrationQueueJobSchema } from '../app/migration/jobs';
import { drainOfflineEvents } from '../app/offline-drain';
import { ownWriteScreen } from '../app/own-write-screen';
import { PendingJobs } from '../app/pending-jobs';
import { reconcileAll } from '../app/reconcile/reconcile';
import { watchB24Events } from '../app/reconcile/watch';
import { ReplayScreen } from '../app/replays';
import { runSyncJob, type JobOutcome } from '../app/run-job';
import { ConnectionStore } from '../app/store/connection';
import { JournalStore } from '../app/store/journal';
import { ProjectConfigStore } from '../app/store/project-config';
import { receiveB24Event, type IncomingDelivery, type IntakeResult } from '../entry/intake/b24-event';
import { ISSUE_DEFINITIONS } from '../entry/resolvers/issue-definitions';
import type { ResolverCall } from '../entry/resolvers/run';
import { SETTINGS_DEFINITIONS } from '../entry/resolvers/settings-definitions';
import { retryDecision } from '../entry/retry-policy';
import type { JobDelivery, JobVerdict, QueueName } from './engines';

export { MAX_EVENT_BODY_BYTES } from '../entry/intake/b24-event';
export type { IntakeResult };
export type { ResolverHost, ResolverRequest } from '../entry/resolvers/run';
export type { Permission, RightsPort } from '../entry/resolvers/rights';

/** The Bitrix24 event intake with the web trigger's own dependencies. */
export function receiveB24Delivery(delivery: IncomingDelivery, deps: AppDeps): Promise<IntakeResult> {
  const now = (): number => deps.clock.now();
  return receiveB24Event(delivery, {
    connection: new ConnectionStore(deps.kv, deps.secrets), queue: withBacklog(deps), log: deps.log, now,
    ownWrite: ownWriteScreen(deps), pending: new PendingJobs(deps.kv, now), replays: new ReplayScreen(deps.kv, now),
  });
}

/** The resolver calls by page, as the Forge resolver functions define them. */
export const RESOLVER_DEFINITIONS: Record<'settings' | 'issue', Record<string, ResolverCall>> = {
  settings: SETTINGS_DEFINITIONS,
  issue: ISSUE_DEFINITIONS,
};

async function runMigration(body: unknown, deps: AppDeps, attempt: number): Promise<JobOutcome | string> {
  const job = migrationQueueJobSchema.safeParse(body);
  if (!job.success) return `malformed migration job: ${job.error.issues[0]?.message ?? 'invalid'}`;
  if (!(await stoppedByUninstall(deps, `migration job ${job.data.kind}`))) return runMigrationQueueJob(job.data, deps, { attempt });
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
 * as long as on Forge (entry/retry-policy); a job that gave up (already journalled for Retry) or a body that is
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
  if (result.status === 'reconciled') deps.log.info('event watch reconciled', { changes: result.changes, projects: result.results });
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
  const journal = new JournalStore(deps.kv, deps.newId);
  const found = new Map<string, number>();
  for (const project of await new ProjectConfigStore(deps.kv).list()) {
    const { entries } = await journal.list(project, { limit: 50 });
    const synced = entries.filter((e) => e.outcome === 'synced').map((e) => e.at);
    if (synced.length > 0) found.set(project, Math.max(...synced));
  }
  return found;
}
