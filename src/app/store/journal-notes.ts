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

/**
 * Every code with the parameters it must carry: the types below come from this table, and a test checks that both
 * translations word each code using only these parameters (and, through nested codes such as `skip.*` or a
 * failure's `errors.*`, their own). Codes whose parameters carry a nested code's parameters too are marked open.
 */
export const NOTE_PARAMS = {
  /** Both sides changed `field`; `winner` is `b24` or `jira`, `policy` the conflict policy that decided. */
  conflict: ['field', 'winner', 'policy'],
  /** A Bitrix24 person with no Jira account (and the other way round). */
  unmatchedB24: ['name', 'id'],
  unmatchedJira: ['name', 'id'],
  /** A change that could not flow to side `to`; `why` is a `skip.*` code whose own parameters come along. */
  skipped: ['field', 'to', 'why'],
  /**
   * Jira refused one field's value (its own reason quoted); the rest of the change went through. `field` names it as
   * the English sentence does (`assignee (customfield_1)`), `canonical` is the sync's name for it (`assignee`).
   */
  refusedByJira: ['field', 'canonical', 'value', 'reason'],
  /** A title cut after a whole character to `limit` (UTF-16 units) for side `to`; the source keeps it whole. */
  titleShortened: ['to', 'limit'],
  /** Control characters (NUL, BEL…) of `field` left out of its copy on `to`. */
  controlsRemoved: ['field', 'to'],
  /** Direction overrides (U+202A–U+202E, U+2066–U+2069) of `field` left out of its copy on `to`. */
  bidiRemoved: ['field', 'to'],
  /** A side refused a write of `fields` (a comma list) with `detail`, that side's own answer. */
  refusedBy: ['fields', 'side', 'detail'],
  'status.hopBudget': ['target', 'hops', 'current'],
  'status.needsFields': ['transition', 'from', 'to', 'fields'],
  'status.unreachable': ['target', 'current', 'offered'],
  'status.noTransitions': ['target', 'current'],
  'status.awaitsCreator': ['target'],
  'status.cannotLeave': ['status'],
  'status.controlOnly': [],
  'status.notSettable': ['status'],
  'status.taskControl': [],
  'status.noCompletedRow': [],
  /** A job that failed for good: `reason` words the failure, `detail` is the error's own text. */
  failed: ['reason', 'detail'],
  gaveUp: ['reason', 'attempts', 'detail'],
  'heldBack.secured': ['issue', 'level'],
  'heldBack.outsideGroup': ['task', 'group', 'project'],
  /** The project's workgroup is not on the site admin's list for it (pairing-access.ts). */
  'heldBack.notListed': ['group', 'project'],
  /** The list of workgroups was created from this pairing, which predates it. */
  'access.seeded': ['group', 'project'],
  /** `deleted.<side deleted on>.<what was done to the other side>`. */
  'deleted.b24.unlink': ['task', 'issue'],
  'deleted.b24.delete': ['task', 'issue'],
  'deleted.b24.close': ['task', 'issue'],
  'deleted.jira.unlink': ['task', 'issue'],
  'deleted.jira.delete': ['task', 'issue'],
  'deleted.jira.close': ['task', 'issue'],
  /** The policy says close, but the close was refused or blocked (the next sentence says why): the survivor stays open. */
  'deleted.b24.leftOpen': ['task', 'issue'],
  'deleted.jira.leftOpen': ['task', 'issue'],
  /** The survivor's read came back empty (deleted too, or out of the app's sight): unlinked, nothing closed. */
  'deleted.b24.unreadable': ['task', 'issue'],
  'deleted.jira.unreadable': ['task', 'issue'],
  closeRefused: ['detail'],
  'attachment.toJira': ['file'],
  'attachment.toB24': ['file'],
  /** Sizes in bytes, and in megabytes with one decimal (`1.5`). */
  'attachment.tooLargeForJira': ['file', 'size', 'sizeMb', 'cap', 'capMb'],
  'attachment.tooLargeForB24': ['file', 'size', 'sizeMb', 'cap', 'capMb'],
  'attachment.goneInB24': ['id'],
  'attachment.goneInJira': ['file'],
  'attachment.deletedInJira': ['file'],
  'comment.deletedInB24.delete': [],
  'comment.deletedInB24.keep': [],
  'comment.deletedInJira.delete': [],
  'comment.deletedInJira.keep': [],
  /** `kind` is `role` or `group`, `name` the role's or group's name. */
  'comment.restricted': ['comment', 'kind', 'name'],
  'comment.secured': ['comment', 'level'],
  'comment.copyRemoved': [],
  /** A comment longer than Jira allows, posted in `count` numbered parts. */
  'comment.inParts': ['count'],
  /** A side refused to take a comment's mirror (`side`), with `detail`, that side's own answer. */
  'comment.refused': ['side', 'detail'],
  /** An edit of a shortened copy in Jira that was not written to Bitrix24 (core/sync/shortened): `field` is the field. */
  'shortened.noticeEdited': ['field'],
  'shortened.copyStale': ['field'],
  'shortened.cutInsideBlock': ['field'],
  'shortened.titleEndEdited': ['field'],
  /** One migration page (src/app/migration/page-journal.ts): `side` is `b24` or `jira`; counts as decimal strings. */
  'migration.page': ['page', 'side', 'listed', 'alreadyPaired', 'created', 'handedOver', 'refused', 'failed'],
  /** An element a bulk create refused (`reason`: the service's own words); it is retried on its own. */
  'migration.taskRefusedInBulk': ['id', 'title', 'reason'],
  'migration.issueRefusedInBulk': ['key', 'title', 'reason'],
  /** Followed by the failure's own note (`failed`). */
  'migration.taskNotCreated': ['id', 'title'],
  'migration.issueNotCreated': ['key', 'title'],
  /**
   * A marker that was not taken (sync/marker-trust.ts): `task` is the task it names, `issue` the key of the issue
   * carrying it, `other` the partner the named entity is linked to, `group` the task's workgroup.
   */
  'marker.linkedElsewhere': ['task', 'issue', 'other'],
  'marker.issueLinkedElsewhere': ['task', 'issue', 'other'],
  'marker.heldApart': ['task', 'issue'],
  'marker.unbound': ['task', 'issue'],
  'marker.unboundIgnored': ['task', 'issue'],
  'marker.outsideScope': ['task', 'issue', 'group', 'project'],
  'marker.otherProject': ['task', 'issue', 'project'],
  'marker.ambiguous': ['task', 'issue'],
  /** Several unlinked tasks carry an `XML_ID` naming the same issue (`tasks`: their ids, comma-separated). */
  'marker.tasksAmbiguous': ['issue', 'tasks'],
  /** A person's link or unlink in the issue panel. */
  'pair.linkedByPerson': ['task', 'issue'],
  'pair.unlinkedByPerson': ['task', 'issue'],
  /** A record of Bitrix24's offline queue that is no readable task change (`problem`: why); marked failed there. */
  'offlineEvent.refused': ['id', 'event', 'problem'],
  /** Removing a marker on `side` after an unlink failed (`detail`: the service's answer); the unlink holds all the same. */
  'pair.markerLeft': ['side', 'detail'],
} as const satisfies Record<string, readonly string[]>;

export type NoteCode = keyof typeof NOTE_PARAMS;
/** Codes whose parameters also carry a nested code's own (a skip reason's, a failure's): extra keys allowed. */
type Open = 'skipped' | 'failed' | 'gaveUp';
export type NoteParams = {
  [C in NoteCode]: Record<(typeof NOTE_PARAMS)[C][number], string> &
    (C extends Open ? Record<string, string> : unknown);
};

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
