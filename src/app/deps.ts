/** Everything a use case may touch, as ports. The composition root (or a test) provides the implementations. */
import type { Clock } from '../ports/clock';
import type { B24Port } from '../ports/b24';
import type { JiraPort } from '../ports/jira';
import type { Logger } from '../ports/log';
import type { JobQueue } from '../ports/queue';
import type { PortalPolicy } from '../ports/portal';
import type { KeyValueStore, SecretStore } from '../ports/store';

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
}
