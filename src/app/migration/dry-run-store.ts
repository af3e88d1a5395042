/**
 * The dry run's record (one per project): where its scan stands and what it has counted so far. Written only by
 * the dry-run job chain and by its start; the Migration tab reads it.
 */
import { z } from 'zod';
import type { JsonValue, KeyValueStore } from '../../ports/store';

const count = z.number().int().min(0);
/** Marked but unpaired entities are leftovers of interrupted creates: few. Past this the dry run stops noting ids. */
export const MAX_MARKED = 5000;

/** A person or a status that will not map, counted per entity it affects. Names are data, not text to translate. */
const unmappedSchema = z.object({ side: z.enum(['b24', 'jira']), name: z.string(), count });

const predictionSchema = z.object({
  scope: z.object({ tasks: count, issues: count, issuesToCreate: count, tasksToCreate: count, pairedByMarker: count }),
  calls: z.object({ jira: count, b24: count, total: count }),
  seconds: count,
});

/** Comments and files the run will copy: those of the tasks that get an issue, and of the issues that get a task. */
const commentsSchema = z.object({
  tasksWithComments: count,
  taskComments: count,
  issueComments: count,
  taskFiles: count.default(0),
  issueFiles: count.default(0),
});

const dryRunSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
  error: z.string().optional(),
  /** markers: Jira issues carrying the app's marker; then the workgroup's tasks; then the project's issues. */
  phase: z.enum(['markers', 'b24', 'jira']),
  /** Jobs recorded so far; a job carrying another number is a duplicate delivery and is dropped. */
  step: count,
  cursor: z.string().max(4096).nullable(),
  tasks: z.object({ total: count, linked: count, markedByXmlId: count, namedByIssueMarker: count }),
  /** marked: unpaired issues carrying the marker; byMarker: unpaired issues whose partner a marker names (either side's). */
  issues: z.object({ total: count, linked: count, marked: count, byMarker: count }),
  /** Task ids named by unpaired marked issues, and those issues' ids (both phases after `markers` need them). */
  namedTaskIds: z.array(z.string()).max(MAX_MARKED),
  markedIssueIds: z.array(z.string()).max(MAX_MARKED),
  /** Keyed by side and id ("b24:7", "jira:<accountId>", "b24-status:6", "jira-status:QA Testing"). */
  people: z.record(z.string(), unmappedSchema.extend({ matched: z.boolean() })),
  statuses: z.record(z.string(), unmappedSchema),
  comments: commentsSchema.default({
    tasksWithComments: 0,
    taskComments: 0,
    issueComments: 0,
    taskFiles: 0,
    issueFiles: 0,
  }),
  prediction: predictionSchema.optional(),
});

export type DryRun = z.infer<typeof dryRunSchema>;
export type DryRunPrediction = z.infer<typeof predictionSchema>;

const dryRunKey = (projectKey: string): string => `migration-dry-run:${projectKey.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

export class DryRunStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<DryRun | null> {
    const parsed = dryRunSchema.safeParse(await this.kv.get(dryRunKey(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  async save(projectKey: string, run: DryRun): Promise<void> {
    await this.kv.set(dryRunKey(projectKey), JSON.parse(JSON.stringify(run)) as JsonValue);
  }
}

export function freshDryRun(id: string, now: number): DryRun {
  return {
    id,
    state: 'running',
    startedAt: now,
    updatedAt: now,
    phase: 'markers',
    step: 0,
    cursor: null,
    tasks: { total: 0, linked: 0, markedByXmlId: 0, namedByIssueMarker: 0 },
    issues: { total: 0, linked: 0, marked: 0, byMarker: 0 },
    namedTaskIds: [],
    markedIssueIds: [],
    people: {},
    statuses: {},
    comments: { tasksWithComments: 0, taskComments: 0, issueComments: 0, taskFiles: 0, issueFiles: 0 },
  };
}
