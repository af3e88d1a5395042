/**
 * The last-synced state of a pair: how each side read after the last sync (the base of the three-way merge and
 * loop-prevention layer 2), and how that sync ended (shown on the issue panel).
 *
 * Descriptions are stored as their serialised text, not as ADF objects: a person controls how deep a description
 * nests (lists in lists…), and Forge storage refuses values past its maximum object depth (31–32 levels), which
 * would leave the pair with no storable state at all. Text has depth 0 whatever it holds.
 */
import { noteSchema, type JournalNote } from './journal-notes';
import { z } from 'zod';
import type { CanonicalTask } from '../../core/model';
import type { SyncBase } from '../../core/sync/merge';
import type { JsonValue, KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export interface LastSync {
  at: number;
  outcome: 'synced' | 'skipped' | 'conflict' | 'warning' | 'failed';
  message?: string;
}

export interface PairState {
  /** Each side as it read after the last sync (what it will read back, conversions included). */
  base: SyncBase;
  lastSync: LastSync;
  /** Conflicts decided by a sync that was interrupted part-way: journalled when it completes. */
  carried?: JournalNote[];
  /** Saved part-way through a sync: work is left (a flow not yet written), so no read is an echo until it is done. */
  pending?: boolean;
  /**
   * What an interrupted sync's landed steps met (a refused value, a blocked walk) and the fields refused: the base
   * already settles them, so only this keeps them for the journal record of the sync that completes the work.
   */
  problems?: JournalNote[];
  refused?: string[];
}

const person = z
  .object({ b24UserId: z.string().nullable(), jiraAccountId: z.string().nullable(), name: z.string() })
  .nullable();

const adfDoc = z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()) });

/** Serialised ADF, parsed back on read (see the header). */
const descriptionText = z.string().transform((text, ctx) => {
  try {
    return adfDoc.parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a serialised ADF document' });
    return z.NEVER;
  }
});

const canonicalSchema = z.object({
  title: z.string(),
  description: z.union([descriptionText, adfDoc]),
  status: z.string(),
  priority: z.string(),
  assignee: person,
  reporter: person,
  dueDate: z.string().nullable(),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const stateSchema = z.object({
  base: z.object({ b24: canonicalSchema, jira: canonicalSchema }),
  lastSync: z.object({
    at: z.number(),
    outcome: z.enum(['synced', 'skipped', 'conflict', 'warning', 'failed']),
    message: z.string().optional(),
  }),
  // Sentences stored before they carried codes read as notes with an unknown code: pages show their English.
  carried: z
    .array(z.union([noteSchema, z.string().transform((message) => ({ code: 'legacy', params: {}, message }))]))
    .optional(),
  pending: z.boolean().optional(),
  problems: z.array(noteSchema).optional(),
  refused: z.array(z.string()).optional(),
});

const flat = (task: CanonicalTask): JsonValue =>
  ({ ...JSON.parse(JSON.stringify(task)), description: JSON.stringify(task.description) }) as JsonValue;

export class PairStateStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(taskId: string, issueId: string): Promise<PairState | null> {
    const parsed = stateSchema.safeParse(await this.kv.get(keys.pairState(taskId, issueId)));
    // ADF node shapes are checked by the schema of the side that produced them, not again here.
    return parsed.success ? (parsed.data as unknown as PairState) : null;
  }

  async save(taskId: string, issueId: string, state: PairState): Promise<void> {
    const { base, ...rest } = state;
    const stored = {
      ...(JSON.parse(JSON.stringify(rest)) as Record<string, JsonValue>),
      base: { b24: flat(base.b24), jira: flat(base.jira) },
    };
    await this.kv.set(keys.pairState(taskId, issueId), stored);
  }
}
