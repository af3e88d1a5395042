/**
 * The Bitrix24 REST client: one function per method (tasks.ts, comments.ts, directory.ts, offline-events.ts, batch.ts), all through
 * one caller that authenticates, translates errors and validates replies.
 */
import type { B24Port } from '../../ports/b24';
import type { Clock } from '../../ports/clock';
import type { HttpTransport } from '../../ports/http';
import type { B24Auth } from './auth';
import { runBatch } from './batch';
import { bulkEndpoints } from './bulk';
import { commentEndpoints } from './comments';
import { directoryEndpoints } from './directory';
import { driveEndpoints } from './drive';
import { fileEndpoints } from './files';
import { offlineEventEndpoints } from './offline-events';
import { createB24Caller } from './request';
import { taskScopeEndpoint } from './task-scope';
import { taskEndpoints } from './tasks';

export const createB24Client = (auth: B24Auth, transport: HttpTransport, clock: Clock): B24Port => {
  const caller = createB24Caller(auth, transport, clock);
  return {
    ...taskEndpoints(caller, () => clock.now()),
    ...commentEndpoints(caller),
    ...taskScopeEndpoint(caller, () => clock.now()),
    ...bulkEndpoints(caller, () => clock.now()),
    ...directoryEndpoints(caller),
    ...driveEndpoints(caller),
    ...fileEndpoints(caller, transport, () => clock.now()),
    ...offlineEventEndpoints(caller),
    batch: (commands, options = {}) => runBatch(caller, commands, options.halt === true),
  };
};
