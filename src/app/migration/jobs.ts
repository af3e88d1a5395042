/**
 * The migration's units of work on the `migration` queue: a page of the initial migration, or a step of its dry
 * run. The queue also carries reconciliation's continuations (reconcile/jobs.ts); migration-queue.ts routes both.
 */
import { z } from 'zod';
import type { JobBody } from '../../ports/queue';

const id = z.string().min(1).max(64);

export const migrationPageJobSchema = z.object({
  kind: z.literal('migration-page'),
  projectKey: id,
  /** The run this page belongs to: a page of an abandoned or restarted run is dropped. */
  runId: id,
  side: z.enum(['b24', 'jira']),
  /** Bitrix24: the last task id listed ("0" at the start). Jira: the nextPageToken (null at the start). */
  cursor: z.string().max(4096).nullable(),
  /** Pages of this side recorded before this one; a duplicate delivery of an earlier page is recognised by it. */
  page: z.number().int().min(0),
});

/** A step of the migration's dry run (dry-run.ts): reads pages, writes only its own record. */
export const dryRunPageJobSchema = z.object({
  kind: z.literal('dry-run-page'),
  projectKey: id,
  dryRunId: id,
  step: z.number().int().min(0),
});

export type MigrationPageJob = z.infer<typeof migrationPageJobSchema>;
export type DryRunPageJob = z.infer<typeof dryRunPageJobSchema>;
export type MigrationJob = MigrationPageJob | DryRunPageJob;

export const toMigrationJobBody = (job: MigrationJob): JobBody => JSON.parse(JSON.stringify(job)) as JobBody;
