/**
 * The app's stores, built once per set of ports and shared by every use case that holds them: a store is a typed
 * view of storage and keeps nothing but the journal's sequence, so one bundle serves a whole invocation (Forge) or
 * process (the self-hosted service). Stores that belong to one feature (reconcile's cursors, the dry run) stay
 * with it.
 */
import type { AppDeps } from '../deps';
import { CommentLinkStore } from './comment-links';
import { ConnectionStore } from './connection';
import { FileLinkStore } from './file-links';
import { GaveUpStore } from './gave-up';
import { JournalStore } from './journal';
import { LinkStore } from './links';
import { MigrationProgressStore } from './migration-progress';
import { PairStateStore } from './pair-state';
import { ProjectConfigStore } from './project-config';
import { WorkgroupAccessStore } from './workgroup-access';

export interface Stores {
  links: LinkStore;
  states: PairStateStore;
  configs: ProjectConfigStore;
  connection: ConnectionStore;
  journal: JournalStore;
  commentLinks: CommentLinkStore;
  fileLinks: FileLinkStore;
  gaveUp: GaveUpStore;
  workgroupAccess: WorkgroupAccessStore;
  migrationProgress: MigrationProgressStore;
}

export type StoreDeps = Pick<AppDeps, 'kv' | 'secrets' | 'newId' | 'log'>;

const built = new WeakMap<StoreDeps, Stores>();

export function storesOf(deps: StoreDeps): Stores {
  const known = built.get(deps);
  if (known) return known;
  const stores: Stores = {
    links: new LinkStore(deps.kv),
    states: new PairStateStore(deps.kv),
    configs: new ProjectConfigStore(deps.kv),
    connection: new ConnectionStore(deps.kv, deps.secrets),
    journal: new JournalStore(deps.kv, deps.newId, deps.log),
    commentLinks: new CommentLinkStore(deps.kv),
    fileLinks: new FileLinkStore(deps.kv),
    gaveUp: new GaveUpStore(deps.kv),
    workgroupAccess: new WorkgroupAccessStore(deps.kv),
    migrationProgress: new MigrationProgressStore(deps.kv),
  };
  built.set(deps, stores);
  return stores;
}
