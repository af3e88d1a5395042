/** Field access and equality over canonical tasks, shared by the merge and the echo check. */
import type { CanonicalTask, FieldKey, Person } from '../model';
import { CANONICAL_FIELDS } from '../model';
import type { FieldValue } from '../mapping/project';
import { samePerson } from '../mapping/users';
import type { SyncConfig } from '../config';
import { stableStringify } from './stable';

export function getField(task: CanonicalTask, field: FieldKey): FieldValue {
  if ((CANONICAL_FIELDS as readonly string[]).includes(field))
    return task[field as keyof Omit<CanonicalTask, 'custom'>];
  return task.custom[field] ?? null;
}

export function setField(task: CanonicalTask, field: FieldKey, value: FieldValue): CanonicalTask {
  if ((CANONICAL_FIELDS as readonly string[]).includes(field)) return { ...task, [field]: value };
  return { ...task, custom: { ...task.custom, [field]: value as string | number | null } };
}

const isPersonField = (field: FieldKey): boolean => field === 'assignee' || field === 'reporter';

/** People compare by ids only (names are display); everything else by value. */
export function sameValue(field: FieldKey, a: FieldValue, b: FieldValue): boolean {
  if (isPersonField(field)) return samePerson(a as Person | null, b as Person | null);
  return stableStringify(a) === stableStringify(b);
}

/** Every field the config syncs, standard ones first, then custom mappings by B24 field name. */
export function syncedFields(config: SyncConfig): FieldKey[] {
  const standard = CANONICAL_FIELDS.filter((f) => config.fields.some((m) => m.field === f));
  return [...standard, ...config.customFields.map((c) => c.b24Field as FieldKey)];
}

export function directionOf(config: SyncConfig, field: FieldKey) {
  return (
    config.fields.find((m) => m.field === field)?.direction ??
    config.customFields.find((c) => c.b24Field === field)?.direction
  );
}
