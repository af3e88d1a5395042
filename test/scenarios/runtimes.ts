/**
 * One world over either runtime the sandbox offers: the Forge app in the local Forge runtime (a cloud portal with
 * online events), or the self-hosted service (an on-premise portal on its own domain with offline events). People
 * act through the emulators' REST APIs as in ./harness.ts; what the app stored is read through each runtime's
 * own storage, so the same checks run on both.
 */
import { ManualClock, type LocalPlatformApi } from '../../src/local/contracts';
import type { Bitrix24Emulator } from '../../src/local/b24';
import type { JiraEmulator } from '../../src/local/jira';
import type { PlatformSeed } from '../../src/local/seed';
import { ServicePlatform } from '../../src/local/service-runtime/platform';
import { createWorld } from './harness';
import { peopleCalls } from './people-calls';

export type RuntimeName = 'forge' | 'service';
export const RUNTIMES: readonly RuntimeName[] = ['forge', 'service'];

export interface JournalEntry {
  operation: string;
  outcome: string;
  message?: string;
}

export interface RuntimeWorld {
  runtime: RuntimeName;
  platform: LocalPlatformApi & { jira: JiraEmulator; b24: Bitrix24Emulator; seed: PlatformSeed };
  clock: ManualClock;
  b24(userId: string, method: string, params?: unknown): Promise<unknown>;
  jira(email: string, method: string, path: string, body?: unknown): Promise<unknown>;
  settle(): Promise<void>;
  stored(key: string): Promise<unknown>;
  journal(): Promise<JournalEntry[]>;
}

async function serviceWorld(): Promise<RuntimeWorld> {
  const clock = new ManualClock();
  const platform = await ServicePlatform.create({ clock, origin: 'http://localhost:8787', logSink: () => undefined });
  const kv = platform.service.kv;
  const world = peopleOn('service', platform, clock);
  return {
    ...world,
    stored: (key) => kv.get(key),
    async journal() {
      const { entries } = await kv.listByPrefix('journal:', { limit: 100 });
      return entries.map((e) => e.value as JournalEntry);
    },
  };
}

async function forgeWorld(): Promise<RuntimeWorld> {
  const w = await createWorld();
  return {
    ...peopleOn('forge', w.platform, w.clock),
    stored: (key) => Promise.resolve(w.platform.kvs.peek(key)),
    journal: () =>
      Promise.resolve(
        w.platform.kvs
          .keys()
          .filter((k) => k.startsWith('journal:'))
          .map((k) => w.platform.kvs.peek(k) as JournalEntry),
      ),
  };
}

export const createRuntimeWorld = (runtime: RuntimeName): Promise<RuntimeWorld> =>
  runtime === 'service' ? serviceWorld() : forgeWorld();

function peopleOn(
  runtime: RuntimeName,
  platform: RuntimeWorld['platform'],
  clock: ManualClock,
): Omit<RuntimeWorld, 'stored' | 'journal'> {
  return {
    runtime,
    platform,
    clock,
    ...peopleCalls(platform, clock),
    async settle() {
      const report = await platform.settle();
      if (!report.idle) throw new Error(`the ${runtime} runtime did not settle: ${JSON.stringify(report)}`);
    },
  };
}
