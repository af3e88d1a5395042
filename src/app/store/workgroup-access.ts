/**
 * The site admin's list of workgroups that projects may pair with. A stored list that no longer validates (edited
 * by hand, or written by a newer version) allows nothing rather than something half-read: pairing fails closed.
 */
import { workgroupAccessSchema, type WorkgroupAccess } from '../../core/workgroup-access';
import type { JsonValue, KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export class WorkgroupAccessStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** null when no list was ever stored (an install that predates it). */
  async get(): Promise<WorkgroupAccess | null> {
    const stored = await this.kv.get(keys.workgroupAccess());
    if (stored === undefined) return null;
    const parsed = workgroupAccessSchema.safeParse(stored);
    return parsed.success ? parsed.data : { entries: [] };
  }

  /** Writes the list only where none is stored yet: true when this call wrote it. */
  seed(access: WorkgroupAccess): Promise<boolean> {
    return this.kv.setIfAbsent(keys.workgroupAccess(), JSON.parse(JSON.stringify(access)) as JsonValue);
  }

  async save(access: WorkgroupAccess): Promise<void> {
    await this.kv.set(keys.workgroupAccess(), JSON.parse(JSON.stringify(access)) as JsonValue);
  }
}
