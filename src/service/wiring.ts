/**
 * The one place the service's engines and its Jira transport are chosen. Until the SQL store, the pg-boss queue
 * and the Jira credentials land, this picks the in-memory engines (nothing survives a restart, and the start
 * says so) and a Jira transport that answers "not configured"; the real ones replace these two functions and
 * nothing else changes.
 */
import type { JiraTransport } from '../adapters/jira/client';
import type { SqlDb } from '../adapters/sql/db';
import type { Logger } from '../ports/log';
import { unconfiguredJira } from './compose';
import type { ServiceConfig } from './config';
import type { JobEngine, StorageEngines } from './engines';
import { createMemoryJobEngine, createMemoryStorage } from './memory-engines';

export interface BuiltEngines {
  storage: StorageEngines;
  jobs: JobEngine;
}

/** Builds storage and queue on the open database (migrating its schema first). */
export type ServiceEngines = (db: SqlDb, context: { config: ServiceConfig; log: Logger }) => Promise<BuiltEngines>;

export const memoryEngines: ServiceEngines = (_db, { log }) => {
  log.warn('running on in-memory storage and queue: settings, links and jobs are lost when the process stops');
  return Promise.resolve({ storage: createMemoryStorage(), jobs: createMemoryJobEngine() });
};

export const chosenEngines: ServiceEngines = memoryEngines;

export const chosenJiraTransport = (_config: ServiceConfig): JiraTransport => unconfiguredJira;
