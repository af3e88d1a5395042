/**
 * The sentences of a journal entry as people read them on the Activity tab and the issue panel: each one a message
 * code with parameters that the page words in the reader's language (`notes.<code>` in src/frontend/i18n), next to
 * the English sentence kept for logs and for entries written before codes existed (a page shows that sentence for a
 * code it does not know). Parameters are data — names, keys, ids, Jira's own status names and messages; a parameter
 * that is itself a word (a side, a field, a reason code) is worded by its group in the translation (`{to:side}`).
 *
 * To journal a new kind of sentence: add its code and parameter names here, its wording to both translation files
 * (`notes.<code>`, the English one saying what the `message` says), and pass `note(code, params, message)`.
 */
import { z } from 'zod';

type Params<K extends string> = Record<K, string>;
/** A Bitrix24 or Jira failure's message code (`errors.<code>`, e.g. `b24.network`) and its own parameters. */
type Failure = Params<'reason'> & Record<string, string>;

export interface NoteParams {
  /** Both sides changed `field`; `winner` is `b24` or `jira`, `policy` the conflict policy that decided. */
  conflict: Params<'field' | 'winner' | 'policy'>;
  /** A Bitrix24 person with no Jira account (and the other way round). */
  unmatchedB24: Params<'name' | 'id'>;
  unmatchedJira: Params<'name' | 'id'>;
  /** A change that could not flow to side `to`; `why` is a `skip.*` code whose own parameters come along. */
  skipped: Params<'field' | 'to' | 'why'> & Record<string, string>;
  /** Jira refused one field's value (its own reason quoted); the rest of the change went through. */
  refusedByJira: Params<'field' | 'value' | 'reason'>;
  /** A side refused a write of `fields` (a comma list) with `detail`, that side's own answer. */
  refusedBy: Params<'fields' | 'side' | 'detail'>;
  'status.hopBudget': Params<'target' | 'hops' | 'current'>;
  'status.needsFields': Params<'transition' | 'from' | 'to' | 'fields'>;
  'status.unreachable': Params<'target' | 'current' | 'offered'>;
  'status.noTransitions': Params<'target' | 'current'>;
  'status.awaitsCreator': Params<'target'>;
  'status.cannotLeave': Params<'status'>;
  'status.controlOnly': Params<never>;
  'status.notSettable': Params<'status'>;
  'status.taskControl': Params<never>;
  'status.noCompletedRow': Params<never>;
  /** A job that failed for good: `reason` words the failure, `detail` is the error's own text. */
  failed: Failure & Params<'detail'>;
  gaveUp: Failure & Params<'attempts' | 'detail'>;
  'heldBack.secured': Params<'issue' | 'level'>;
  'heldBack.outsideGroup': Params<'task' | 'group' | 'project'>;
  /** `deleted.<side deleted on>.<what was done to the other side>`. */
  'deleted.b24.unlink': Params<'task' | 'issue'>;
  'deleted.b24.delete': Params<'task' | 'issue'>;
  'deleted.b24.close': Params<'task' | 'issue'>;
  'deleted.jira.unlink': Params<'task' | 'issue'>;
  'deleted.jira.delete': Params<'task' | 'issue'>;
  'deleted.jira.close': Params<'task' | 'issue'>;
  closeRefused: Params<'detail'>;
  'attachment.toJira': Params<'file'>;
  'attachment.toB24': Params<'file'>;
  /** Sizes in bytes, and in megabytes with one decimal (`1.5`). */
  'attachment.tooLargeForJira': Params<'file' | 'size' | 'sizeMb' | 'cap' | 'capMb'>;
  'attachment.tooLargeForB24': Params<'file' | 'size' | 'sizeMb' | 'cap' | 'capMb'>;
  'attachment.goneInB24': Params<'id'>;
  'attachment.goneInJira': Params<'file'>;
  'attachment.deletedInJira': Params<'file'>;
  'comment.deletedInB24.delete': Params<never>;
  'comment.deletedInB24.keep': Params<never>;
  'comment.deletedInJira.delete': Params<never>;
  'comment.deletedInJira.keep': Params<never>;
  /** `kind` is `role` or `group`, `name` the role's or group's name. */
  'comment.restricted': Params<'comment' | 'kind' | 'name'>;
  'comment.secured': Params<'comment' | 'level'>;
  'comment.copyRemoved': Params<never>;
  /** One migration page (src/app/migration/page-journal.ts): `side` is `b24` or `jira`; counts as decimal strings. */
  'migration.page': Params<'page' | 'side' | 'listed' | 'toPair' | 'paired'>;
}

export type NoteCode = keyof NoteParams;

/** As stored: a code this version may not know (older or newer entries) still reads, and is shown by its message. */
export interface JournalNote {
  code: string;
  params: Record<string, string>;
  message: string;
}

export const noteSchema = z.object({ code: z.string(), params: z.record(z.string(), z.string()), message: z.string() });

export function note<C extends NoteCode>(code: C, params: NoteParams[C], message: string): JournalNote {
  return { code, params: { ...params }, message };
}

/** The entry's English `message`: its sentences in order. */
export const sentencesOf = (notes: readonly JournalNote[]): string => notes.map((n) => n.message).join(' ');
