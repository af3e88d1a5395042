/** Everything a use case may touch, as ports. The composition root (or a test) provides the implementations. */
import type { Clock } from '../ports/clock';
import type { B24Port } from '../ports/b24';
import type { JiraPort } from '../ports/jira';
import type { Logger } from '../ports/log';
import type { JobQueue } from '../ports/queue';
import type { PortalPolicy } from '../ports/portal';
import type { KeyValueStore, SecretStore } from '../ports/store';
import type { OwnAccounts } from './sync/echo';

export interface AppDeps {
  kv: KeyValueStore;
  secrets: SecretStore;
  log: Logger;
  clock: Clock;
  newId: () => string;
  jira: JiraPort;
  b24: B24Port;
  syncQueue: JobQueue;
  migrationQueue: JobQueue;
  /** Which portal addresses the runtime can reach; absent means Forge's (the Bitrix24 cloud zones). */
  portalPolicy?: PortalPolicy;
  /** The accounts the app writes as, for a runtime whose platform does not mark the app's own events (sync/echo.ts). */
  ownAccounts?: OwnAccounts;
  /**
   * The longest one job attempt can run before the platform ends it; absent means Forge's sync function timeout
   * (`timeoutSeconds` of sync-fn in manifest.yml). A lock whose holder is older than this has lost its holder.
   */
  attemptLimitMs?: number;
}

/** sync-fn's `timeoutSeconds` in manifest.yml (a foundation test keeps the two equal). */
export const FORGE_SYNC_ATTEMPT_MS = 120_000;
