/**
 * The storage specification on every engine the service can run on, and on the Forge KVS emulation the app was
 * written against: passing on both shows the SQL store behaves as the app expects.
 */
import { racesSpec } from './storage-spec-races';
import { keyValueStoreSpec } from './storage-spec';
import {
  TEST_DATABASE_URL,
  forgeKvs,
  pgliteDirectory,
  pgliteMemory,
  postgres,
  type StorageTarget,
} from './storage-targets';

const targets: StorageTarget[] = [pgliteMemory, pgliteDirectory, forgeKvs];
if (TEST_DATABASE_URL !== undefined) targets.push(postgres(TEST_DATABASE_URL));

describe.each(targets.map((t) => [t.name, t] as const))('KeyValueStore on %s', (_name, target) => {
  describe('the specification', () => keyValueStoreSpec(target));
  describe('under concurrency', () => racesSpec(target));
});

if (TEST_DATABASE_URL === undefined) {
  describe.skip('KeyValueStore on PostgreSQL: skipped, TEST_DATABASE_URL is not set (.ci/run starts a server and sets it)', () => {
    it('runs the same specification on PostgreSQL', () => undefined);
  });
  console.warn(
    'storage conformance: PostgreSQL skipped because TEST_DATABASE_URL is not set; .ci/run starts a throw-away server and sets it.',
  );
}
