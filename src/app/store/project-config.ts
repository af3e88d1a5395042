/**
 * Per-project sync configuration. Stored configs are validated on every read: a config written by an older
 * version of the app, or edited by hand, is refused with its problems instead of half-applied.
 */
import { validateConfig, type SyncConfig } from '../../core/config';
import type { JsonValue, KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export class ProjectConfigStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(projectKey: string): Promise<SyncConfig | null> {
    const stored = await this.kv.get(keys.projectConfig(projectKey));
    if (stored === undefined) return null;
    const result = validateConfig(stored);
    return result.ok ? result.config : null;
  }

  async save(config: SyncConfig): Promise<void> {
    await this.kv.set(keys.projectConfig(config.projectKey), JSON.parse(JSON.stringify(config)) as JsonValue);
    const projects = await this.list();
    if (!projects.includes(config.projectKey)) await this.kv.set(keys.projectIndex(), [...projects, config.projectKey]);
  }

  async list(): Promise<string[]> {
    const stored = await this.kv.get(keys.projectIndex());
    return Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string') : [];
  }

  /** The project paired with a Bitrix24 workgroup, for events that arrive with only a task id. */
  async byGroup(groupId: string): Promise<SyncConfig | null> {
    for (const projectKey of await this.list()) {
      const config = await this.get(projectKey);
      if (config && config.b24GroupId === groupId) return config;
    }
    return null;
  }
}
