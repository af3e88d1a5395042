/**
 * What one job works with: the ports (each call counted for the journal), the stores, and the per-project
 * configuration and people, loaded once per job.
 */
import type { SyncConfig } from '../core/config';
import type { MappingContext } from '../core/mapping/context';
import { UserMap, type UserPair } from '../core/mapping/users';
import type { B24Port } from '../ports/b24';
import type { JiraPort } from '../ports/jira';
import type { Logger } from '../ports/log';
import type { KeyValueStore } from '../ports/store';
import { countingPort, type CallCounter } from './call-counting';
import { FORGE_SYNC_ATTEMPT_MS, type AppDeps } from './deps';
import type { SyncJob } from './sync-jobs';
import { ListedConfigs } from './pairing-access';
import type { ConnectionStore } from './store/connection';
import type { JournalStore } from './store/journal';
import type { LinkStore } from './store/links';
import type { PairStateStore } from './store/pair-state';
import { storesOf, type Stores } from './store/stores';
import { OwnWrites } from './sync/echo';
import { UserDirectory } from './user-directory';

export class SyncContext {
  readonly jira: JiraPort;
  readonly b24: B24Port;
  /** Every store, built once for these ports (store/stores.ts); the most used are named below too. */
  readonly stores: Stores;
  /** Storage itself, for the short-lived claims, locks and marks that are no store's records. */
  readonly kv: KeyValueStore;
  readonly log: Logger;
  readonly links: LinkStore;
  readonly states: PairStateStore;
  readonly journal: JournalStore;
  /** Throws PairingNotListed for a project whose workgroup the site admin has not listed for it. */
  readonly configs: ListedConfigs;
  readonly connection: ConnectionStore;
  /** Every "is this our own write?" decision, and the announcements of writes that will echo. */
  readonly ownWrites: OwnWrites;
  /** How long one attempt may run before the platform ends it (deps.ts). */
  readonly attemptLimitMs: number;
  private readonly jiraCalls: CallCounter = { count: 0 };
  private readonly b24Calls: CallCounter = { count: 0 };
  private projectKey: string | undefined;

  private constructor(readonly deps: AppDeps) {
    this.jira = countingPort(deps.jira, this.jiraCalls);
    this.b24 = countingPort(deps.b24, this.b24Calls);
    this.stores = storesOf(deps);
    this.kv = deps.kv;
    this.log = deps.log;
    this.links = this.stores.links;
    this.states = this.stores.states;
    this.journal = this.stores.journal;
    this.configs = new ListedConfigs(deps);
    this.connection = this.stores.connection;
    this.ownWrites = new OwnWrites(deps.kv, deps.ownAccounts);
    this.attemptLimitMs = deps.attemptLimitMs ?? FORGE_SYNC_ATTEMPT_MS;
  }

  static create(deps: AppDeps): Promise<SyncContext> {
    return Promise.resolve(new SyncContext(deps));
  }

  calls(): { jira: number; b24: number } {
    return { jira: this.jiraCalls.count, b24: this.b24Calls.count };
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Remembered once known, so a failure can be journalled under the right project. */
  useProject(projectKey: string): void {
    this.projectKey = projectKey;
  }

  projectKeyFor(job: SyncJob): string | undefined {
    return 'projectKey' in job ? job.projectKey : this.projectKey;
  }

  /**
   * The mapping context for these people: each is resolved across systems once (and cached in storage), then
   * the config's overrides are laid on top by the core's UserMap.
   */
  async mappingContext(
    config: SyncConfig,
    people: { b24: string[]; jira: string[] },
    b24DescriptionFormat: 'bbcode' | 'html' = 'bbcode',
  ): Promise<MappingContext> {
    const directory = new UserDirectory(this.deps.kv, this.jira, this.b24, config);
    const pairs: UserPair[] = [];
    const b24UserNames: Record<string, string> = {};
    for (const id of new Set(people.b24.filter((p) => p !== '' && p !== '0'))) {
      const other = await directory.jiraFor(id);
      if (other.matched) pairs.push({ b24UserId: id, jiraAccountId: other.id });
      else b24UserNames[id] = other.name;
    }
    for (const accountId of new Set(people.jira)) {
      if (pairs.some((p) => p.jiraAccountId === accountId)) continue;
      const other = await directory.b24For(accountId);
      if (other.matched) pairs.push({ b24UserId: other.id, jiraAccountId: accountId });
    }
    return { config, users: new UserMap(pairs, config.users.overrides), b24UserNames, b24DescriptionFormat };
  }
}
