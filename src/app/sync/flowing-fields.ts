/** Every field of a canonical task that may flow to `to` under the config: the content of a newly created entity. */
import { flowsTo, type SyncConfig } from '../../core/config';
import type { CanonicalChanges } from '../../core/mapping/to-side';
import type { CanonicalTask, Side } from '../../core/model';
import { directionOf, getField, syncedFields } from '../../core/sync/fields';

export function allFlowingTo(to: Side, task: CanonicalTask, config: SyncConfig): CanonicalChanges {
  const changes: CanonicalChanges = {};
  for (const field of syncedFields(config)) {
    const dir = directionOf(config, field);
    if (dir === undefined || !flowsTo(dir, to)) continue;
    const value = getField(task, field);
    if (field.startsWith('UF_')) changes.custom = { ...changes.custom, [field]: value as string | number | null };
    else (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}
