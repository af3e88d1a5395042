/**
 * Loop prevention, layer 3: before writing, the app stores what the target will read as once the write lands,
 * over every synced field (not only the written ones: a person's edit of another field right after our write
 * must not pass for our echo). An event from that side whose mapped state matches the intent exactly is our own
 * echo, even if it overtakes the state update; the caller consumes the intent once it matched.
 */
import type { CanonicalTask, FieldKey, Person, Side } from '../model';
import type { FieldValue } from '../mapping/project';
import type { CanonicalChanges } from '../mapping/to-side';
import { getField } from './fields';
import type { PairPlan } from './merge';
import { hash53, stableStringify } from './stable';

export interface WriteIntent {
  side: Side;
  fields: FieldKey[];
  /** Hash of the fields' expected values (people by ids only). */
  hash: string;
}

function comparable(field: FieldKey, value: FieldValue): unknown {
  if ((field === 'assignee' || field === 'reporter') && value !== null) {
    const p = value as Person;
    return { b24UserId: p.b24UserId, jiraAccountId: p.jiraAccountId };
  }
  return value;
}

function hashOf(fields: readonly FieldKey[], read: (f: FieldKey) => FieldValue): string {
  return hash53(stableStringify(fields.map((f) => [f, comparable(f, read(f))])));
}

/** `expected`: the target's values after the write, as it will read them back (PairPlan.nextBase[side]). */
export function writeIntent(side: Side, fields: readonly FieldKey[], expected: CanonicalTask): WriteIntent {
  const sorted = [...fields].sort();
  return { side, fields: sorted, hash: hashOf(sorted, (f) => getField(expected, f)) };
}

export function isEchoOfIntent(current: CanonicalTask, intent: WriteIntent): boolean {
  return hashOf(intent.fields, (f) => getField(current, f)) === intent.hash;
}

export function changedKeys(changes: CanonicalChanges): FieldKey[] {
  const { custom, ...standard } = changes;
  return [...(Object.keys(standard) as FieldKey[]), ...(Object.keys(custom ?? {}) as FieldKey[])];
}

/**
 * The intents to store before applying a plan: one per side that is written, covering `synced` (every field the
 * config syncs), so the side counts as an echo only while it reads exactly as our write leaves it.
 */
export function intentsFor(plan: PairPlan, synced: readonly FieldKey[]): WriteIntent[] {
  const out: WriteIntent[] = [];
  if (changedKeys(plan.toJira).length > 0) out.push(writeIntent('jira', synced, plan.nextBase.jira));
  if (changedKeys(plan.toB24).length > 0) out.push(writeIntent('b24', synced, plan.nextBase.b24));
  return out;
}
