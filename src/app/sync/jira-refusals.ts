/**
 * Fields Jira refuses one by one (a person who may not be assigned, a field off the project's screen, a value the
 * field does not allow) must not sink the rest of a change: Jira rejects a whole edit or create for one bad field,
 * naming it in the reply's `errors`. We write once as usual (no extra call when nothing is refused); on such a
 * refusal we write again without the named fields, and the journal names each field, the value and Jira's reason.
 */
import type { SyncConfig } from '../../core/config';
import { FieldsRefusedError } from '../../core/errors';
import type { CanonicalChanges } from '../../core/mapping/to-side';
import type { FieldKey } from '../../core/model';
import { note, type JournalNote } from '../store/journal-notes';

export interface RefusedField {
  /** Jira's field id, e.g. `assignee` or `customfield_10060`. */
  field: string;
  value: unknown;
  reason: string;
}

/** Each attempt drops at least one field, so this bounds the calls even if Jira names fields one reply at a time. */
const MAX_ATTEMPTS = 3;

/**
 * Runs `write` with `fields`, dropping the fields Jira names as refused, and returns what was dropped. A refusal
 * that names a `mandatory` field, or anything we did not send, is a real failure and is rethrown. When nothing is
 * left to write, `write` is not called again (`result` undefined).
 */
export async function writeDroppingRefused<T>(
  fields: Record<string, unknown>,
  write: (fields: Record<string, unknown>) => Promise<T>,
  mandatory: readonly string[] = [],
): Promise<{ result: T | undefined; refused: RefusedField[] }> {
  const pending = { ...fields };
  const refused: RefusedField[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    try {
      return { result: await write({ ...pending }), refused };
    } catch (error) {
      if (!(error instanceof FieldsRefusedError)) throw error;
      const named = Object.keys(error.fieldErrors);
      if (named.some((k) => !(k in pending) || mandatory.includes(k))) throw error;
      for (const key of named) {
        refused.push({ field: key, value: pending[key], reason: error.fieldErrors[key] ?? 'refused' });
        delete pending[key];
      }
      if (Object.keys(pending).length === 0) return { result: undefined, refused };
    }
  }
  return { result: undefined, refused };
}

const JIRA_TO_CANONICAL: Record<string, FieldKey> = {
  summary: 'title',
  description: 'description',
  assignee: 'assignee',
  reporter: 'reporter',
  duedate: 'dueDate',
  priority: 'priority',
};

export function canonicalFieldOf(jiraField: string, config: SyncConfig): FieldKey | undefined {
  return (
    JIRA_TO_CANONICAL[jiraField] ??
    (config.customFields.find((c) => c.jiraField === jiraField)?.b24Field as FieldKey | undefined)
  );
}

function describeValue(refused: RefusedField, changes: CanonicalChanges, config: SyncConfig): string {
  const canonical = canonicalFieldOf(refused.field, config);
  if (canonical === 'assignee' || canonical === 'reporter') {
    const person = changes[canonical];
    const accountId = (refused.value as { accountId?: string } | null)?.accountId;
    if (person) return `${person.name} (Jira ${accountId ?? person.jiraAccountId ?? '?'})`;
  }
  if (refused.value !== null && typeof refused.value === 'object' && 'name' in refused.value)
    return String(refused.value.name);
  const text = typeof refused.value === 'string' ? refused.value : JSON.stringify(refused.value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** One journal sentence per refused field: which field, which value, and Jira's own reason. */
export function refusalSentence(refused: RefusedField, changes: CanonicalChanges, config: SyncConfig): JournalNote {
  const canonical = canonicalFieldOf(refused.field, config);
  const label =
    canonical === undefined || canonical === refused.field ? refused.field : `${canonical} (${refused.field})`;
  const value = describeValue(refused, changes, config);
  return note(
    'refusedByJira',
    { field: label, canonical: canonical ?? refused.field, value, reason: refused.reason },
    `${label} not written to Jira: ${value} was refused (Jira: "${refused.reason}"); the field was left as it was and the rest of the change went through.`,
  );
}
