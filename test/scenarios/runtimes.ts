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

/** A person who is refused for load clicks again a second later, as in ./harness.ts. */
async function retried(clock: ManualClock, send: () => Promise<Response>): Promise<Response> {
  let response = await send();
  for (let i = 0; i < 20 && (response.status === 429 || response.status >= 500); i += 1) {
    clock.advance(1000);
    response = await send();
  }
  return response;
}

function peopleOn(
  runtime: RuntimeName,
  platform: RuntimeWorld['platform'],
  clock: ManualClock,
): Omit<RuntimeWorld, 'stored' | 'journal'> {
  const secretOf = (userId: string): string => {
    const user = platform.seed.b24.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no Bitrix24 user ${userId} in the seed`);
    return user.webhookSecret;
  };
  return {
    runtime,
    platform,
    clock,
    async b24(userId, method, params = {}) {
      const url = `https://${platform.seed.b24.domain}/rest/${userId}/${secretOf(userId)}/${method}.json`;
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) };
      const response = await retried(clock, () => platform.b24.handle(new Request(url, init)));
      const body = (await response.json()) as { result?: unknown; error?: string; error_description?: string };
      if (!response.ok || body.error) throw new Error(`${method}: ${response.status} ${body.error ?? ''}`);
      return body.result;
    },
    async jira(email, method, path, body) {
      const headers: Record<string, string> = {
        authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      };
      const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
      const response = await retried(clock, () =>
        platform.jira.handle(new Request(`${platform.seed.jira.baseUrl}${path}`, init)),
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
    async settle() {
      const report = await platform.settle();
      if (!report.idle) throw new Error(`the ${runtime} runtime did not settle: ${JSON.stringify(report)}`);
    },
  };
}
