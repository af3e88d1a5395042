/**
 * The sync journal: one record per sync operation, kept 30 days, read by the activity tab, the issue panel and
 * the sandbox page. A failed entry keeps the job that failed, so "Retry" re-queues exactly that work.
 */
import { z } from 'zod';
import type { Logger } from '../../ports/log';
import type { JsonValue, KeyValueStore } from '../../ports/store';
import { noteSchema, sentencesOf, type JournalNote } from './journal-notes';
import { keys } from './keys';

const JOURNAL_TTL_SECONDS = 30 * 24 * 3600;

export type JournalOutcome = 'synced' | 'skipped' | 'conflict' | 'warning' | 'failed';
export type JournalDirection = 'b24-to-jira' | 'jira-to-b24' | 'both' | 'none';

export interface JournalEntry {
  id: string;
  at: number;
  projectKey: string;
  direction: JournalDirection;
  /** What the operation was about: field sync, create, delete, comment, status, link, migration… */
  operation: string;
  taskId?: string;
  issueId?: string;
  issueKey?: string;
  /** Fields written (canonical names). */
  fields: string[];
  /** Fields the target refused to take (HTTP 400): left different on the two sides until someone edits them. */
  refused?: string[];
  outcome: JournalOutcome;
  /** A sentence for people: why it was skipped, which user did not match, why a status is unreachable. */
  message?: string;
  /** The same sentences as message codes with parameters, for pages to word in their reader's language. */
  notes?: JournalNote[];
  calls?: { jira: number; b24: number };
  durationMs?: number;
  /** The job to re-queue on Retry (failed entries only). */
  retryJob?: JsonValue;
}

const entrySchema = z.object({
  id: z.string(),
  at: z.number(),
  projectKey: z.string(),
  direction: z.enum(['b24-to-jira', 'jira-to-b24', 'both', 'none']),
  operation: z.string(),
  taskId: z.string().optional(),
  issueId: z.string().optional(),
  issueKey: z.string().optional(),
  fields: z.array(z.string()),
  refused: z.array(z.string()).optional(),
  outcome: z.enum(['synced', 'skipped', 'conflict', 'warning', 'failed']),
  message: z.string().optional(),
  notes: z.array(noteSchema).optional(),
  calls: z.object({ jira: z.number(), b24: z.number() }).optional(),
  durationMs: z.number().optional(),
  retryJob: z.json().optional(),
});

export class JournalStore {
  private seq = 0;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly newId: () => string,
    private readonly log?: Logger,
  ) {}

  /**
   * Every sync operation is both a structured log line and a record people can read back. An entry given `notes`
   * and no `message` gets their English sentences as its message.
   */
  async record(entry: Omit<JournalEntry, 'id'>): Promise<JournalEntry> {
    this.seq += 1;
    const id = `${this.newId()}${this.seq}`;
    const notes = entry.notes?.length ? entry.notes : undefined;
    const { notes: _given, ...rest } = entry;
    const message = entry.message ?? (notes ? sentencesOf(notes) : undefined);
    const full: JournalEntry = {
      ...rest,
      ...(message !== undefined ? { message } : {}),
      ...(notes ? { notes } : {}),
      id,
    };
    const { retryJob: _job, notes: _notes, ...line } = full;
    this.log?.[entry.outcome === 'failed' ? 'error' : entry.outcome === 'warning' ? 'warn' : 'info']('sync operation', {
      ...line,
    });
    await this.kv.set(keys.journalEntry(entry.projectKey, entry.at, id), toJson(full), {
      ttlSeconds: JOURNAL_TTL_SECONDS,
    });
    return full;
  }

  /** Newest first. Eventually consistent: fine for people reading it, never used for sync decisions. */
  async list(
    projectKey: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ entries: JournalEntry[]; cursor?: string }> {
    const page = await this.kv.listByPrefix(keys.journalPrefix(projectKey), {
      limit: options.limit ?? 50,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const entries = page.entries.flatMap(({ value }) => {
      const parsed = entrySchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
    return { entries, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async find(projectKey: string, id: string, scan = 500): Promise<JournalEntry | null> {
    let cursor: string | undefined;
    let seen = 0;
    do {
      const page = await this.list(projectKey, { limit: 100, ...(cursor ? { cursor } : {}) });
      const hit = page.entries.find((e) => e.id === id);
      if (hit) return hit;
      seen += page.entries.length;
      cursor = page.cursor;
    } while (cursor && seen < scan);
    return null;
  }
}

function toJson(entry: JournalEntry): JsonValue {
  return JSON.parse(JSON.stringify(entry)) as JsonValue;
}
