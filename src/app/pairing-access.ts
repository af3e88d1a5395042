/**
 * The one check that sync, reconciliation and migration pass through before they act on a project's pair: its
 * workgroup must be on the site admin's list for that project (core/workgroup-access). A pair whose workgroup was
 * taken off the list is held back and journalled with what to do; nothing of it is read into or written to either side.
 *
 * Installs that predate the list: the first read finds no list and seeds it from the pairings that exist then,
 * journalling each. Those pairings were made by the project's admin before the app asked the site admin, and
 * a sync that stopped on upgrade would lose changes people keep making meanwhile; so they keep syncing, and the
 * site admin sees them listed on the Connection tab and can take any off. A brand-new connection has no pairing
 * to seed from, so its list starts empty and no project can pair until the site admin lists a workgroup. The seed
 * is written only where no list exists (an atomic create), so racing first reads journal it once and never
 * overwrite a list the site admin saved meanwhile.
 */
import type { SyncConfig } from '../core/config';
import { accessFromPairings, pairingListed, type WorkgroupAccess } from '../core/workgroup-access';
import type { AppDeps } from './deps';
import { keys } from './store/keys';
import { note, type JournalNote } from './store/journal-notes';
import { ProjectConfigStore } from './store/project-config';
import { storesOf } from './store/stores';

type Pairing = Pick<SyncConfig, 'projectKey' | 'b24GroupId'>;
type Deps = Pick<AppDeps, 'kv' | 'secrets' | 'clock' | 'newId' | 'log'>;

/** Thrown before anything is read or written for a pair whose workgroup is not listed for its project. */
export class PairingNotListed extends Error {
  override readonly name = 'PairingNotListed';
  constructor(readonly pairing: Pairing) {
    super(
      `Project ${pairing.projectKey} is paired with the Bitrix24 workgroup ${pairing.b24GroupId}, which the Connection tab does not list for this project, so nothing of it is synced or migrated. ` +
        `A Jira administrator can list the workgroup for ${pairing.projectKey} on the Connection tab, or a project administrator can pair the project with a listed workgroup on the Mapping tab.`,
    );
  }

  get note(): JournalNote {
    return note(
      'heldBack.notListed',
      { group: this.pairing.b24GroupId, project: this.pairing.projectKey },
      this.message,
    );
  }
}

/** The list, seeded from the existing pairings when none was ever stored (see the header). */
export async function readWorkgroupAccess(deps: Deps): Promise<WorkgroupAccess> {
  const store = storesOf(deps).workgroupAccess;
  const stored = await store.get();
  if (stored) return stored;
  const configs = storesOf(deps).configs;
  const paired = (await Promise.all((await configs.list()).map((p) => configs.get(p)))).filter(
    (c): c is SyncConfig => c !== null,
  );
  const seeded = accessFromPairings(paired.map((c) => ({ projectKey: c.projectKey, groupId: c.b24GroupId })));
  if (!(await store.seed(seeded))) return (await store.get()) ?? { entries: [] };
  const journal = storesOf(deps).journal;
  for (const c of paired) {
    const message = `Workgroup ${c.b24GroupId} is now listed for project ${c.projectKey} on the Connection tab, because the project was already paired with it when the list was created. A Jira administrator can review the list there.`;
    await journal.record({
      at: deps.clock.now(),
      projectKey: c.projectKey,
      direction: 'none',
      operation: 'workgroup-access',
      fields: [],
      outcome: 'warning',
      notes: [note('access.seeded', { group: c.b24GroupId, project: c.projectKey }, message)],
    });
  }
  return seeded;
}

export async function isPairingListed(deps: Deps, pairing: Pairing): Promise<boolean> {
  return pairingListed(await readWorkgroupAccess(deps), pairing.b24GroupId, pairing.projectKey);
}

export async function checkPairingListed(deps: Deps, pairing: Pairing): Promise<void> {
  if (!(await isPairingListed(deps, pairing))) throw new PairingNotListed(pairing);
}

/**
 * A held-back line for a pairing found unlisted outside a sync job (a migration page, a reconciliation). `daily`
 * journals it at most once a day per project: reconciliation asks every hour (and the watch every five minutes).
 */
export async function journalNotListed(
  deps: Deps,
  held: PairingNotListed,
  options: { daily?: boolean } = {},
): Promise<void> {
  if (
    options.daily &&
    !(await deps.kv.setIfAbsent(keys.notListedNotice(held.pairing.projectKey), deps.clock.now(), {
      ttlSeconds: 24 * 3600,
    }))
  )
    return;
  await storesOf(deps).journal.record({
    at: deps.clock.now(),
    projectKey: held.pairing.projectKey,
    direction: 'none',
    operation: 'held-back',
    fields: [],
    outcome: 'skipped',
    notes: [held.note],
  });
}

/**
 * The project configs as one sync job reads them: a config whose pairing is not listed throws PairingNotListed
 * (run-sync-job.ts journals it as held back). The list is read once per job.
 */
export class ListedConfigs extends ProjectConfigStore {
  private access: Promise<WorkgroupAccess> | undefined;

  constructor(private readonly deps: Deps) {
    super(deps.kv);
  }

  override async get(projectKey: string): Promise<SyncConfig | null> {
    const config = await super.get(projectKey);
    if (!config) return null;
    this.access ??= readWorkgroupAccess(this.deps);
    if (!pairingListed(await this.access, config.b24GroupId, config.projectKey)) throw new PairingNotListed(config);
    return config;
  }

  /** The stored config whether or not its pairing is listed: for finding which project an entity belongs to. */
  stored(projectKey: string): Promise<SyncConfig | null> {
    return super.get(projectKey);
  }
}
