/**
 * The one place the service's engines and its Jira transport are chosen: the SQL key-value and secret stores and
 * the pg-boss queue, both on the database the service opened (PGlite in SYNC_DATA_DIR, or PostgreSQL with
 * DATABASE_URL), and the Jira connection its variables describe. The in-memory engines (./memory-engines.ts) are for tests only and are never chosen here.
 */
import { startJobEngine } from '../adapters/pgboss/engine';
import type { SqlDb } from '../adapters/sql/db';
import type { Logger } from '../ports/log';
import type { ServiceConfig } from './config';
import type { JobEngine, StorageEngines } from './engines';
import { buildJiraConnection, type JiraConnection, type JiraParts } from './jira-connection';
import { syncJobKeys } from './job-keys';
import { openStorageEngines } from './storage';

export interface BuiltEngines {
  storage: StorageEngines;
  jobs: JobEngine;
}

/** Builds storage and queue on the open database (migrating its schema first). */
export type ServiceEngines = (db: SqlDb, context: { config: ServiceConfig; log: Logger }) => Promise<BuiltEngines>;

/**
 * A crashed instance's job runs again once it is found expired and its pair's lease has lapsed, so both follow
 * the job timeout: expired jobs are looked for at least three times per timeout (at most every minute), and a
 * lease lasts no longer than the timeout (at most a minute, renewed while its job runs).
 */
export function queueTimings(jobTimeoutSeconds: number): {
  expireInSeconds: number;
  maintenanceIntervalSeconds: number;
  leaseSeconds: number;
} {
  return {
    expireInSeconds: jobTimeoutSeconds,
    maintenanceIntervalSeconds: Math.min(60, Math.ceil(jobTimeoutSeconds / 3)),
    leaseSeconds: Math.min(60, jobTimeoutSeconds),
  };
}

export const sqlEngines: ServiceEngines = async (db, { config, log }) => {
  const storage = await openStorageEngines(db, { env: config.secretKeyEnv, log });
  const jobs = await startJobEngine(db, {
    log,
    keys: { sync: syncJobKeys(storage.kv) },
    ...queueTimings(config.jobTimeoutSeconds),
  });
  return { storage, jobs };
};

export const chosenEngines: ServiceEngines = sqlEngines;

/** The Jira transport (API token, OAuth or none) with its webhook verification, counted for /metrics by compose. */
export const chosenJira = (config: ServiceConfig, parts: JiraParts): JiraConnection =>
  buildJiraConnection(config.jira, parts);
