/**
 * How the local SDK modules (`@forge/api`, `@forge/kvs`, `@forge/events` aliased to ./sdk) find the runtime that
 * runs them. Forge binds these per invocation; here an AsyncLocalStorage carries the invocation (its principal), and
 * a process-wide "active host" serves calls made outside any invocation (test set-up, seed hooks).
 *
 * Both live on globalThis under a registered symbol: the sandbox may load this file through more than one module
 * path (tsx aliasing, jest registries), and every copy must see the same binding.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '../contracts';

export interface Principal {
  accountId: string;
}

/** What the SDK modules need from the runtime. */
export interface SdkHost {
  requestJira(path: string, init: RequestInit | undefined, caller: Caller): Promise<Response>;
  fetch(url: string, init: RequestInit | undefined): Promise<Response>;
  /** The KVS service's transport, as `@forge/kvs`'s StorageApi calls it. */
  kvsClient(path: string, init?: { body?: unknown }): Promise<Response>;
  /** The async-events service's transport, as `@forge/events`' Queue calls it. */
  eventsClient(path: string, init?: { body?: unknown }): Promise<Response>;
  webtriggerUrl(moduleKey: string): string;
  webtriggerKeys(): string[];
}

export interface Invocation {
  host: SdkHost;
  functionKey: string;
  principal?: Principal;
}

interface Binding {
  storage: AsyncLocalStorage<Invocation>;
  active?: SdkHost;
}

const KEY = Symbol.for('bitrix24-sync.local-forge.binding');

function binding(): Binding {
  const g = globalThis as unknown as Record<symbol, Binding | undefined>;
  const existing = g[KEY];
  if (existing) return existing;
  const created: Binding = { storage: new AsyncLocalStorage<Invocation>() };
  g[KEY] = created;
  return created;
}

export function activateHost(host: SdkHost): void {
  binding().active = host;
}

export function deactivateHost(host: SdkHost): void {
  const b = binding();
  if (b.active === host) b.active = undefined;
}

export function runInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return binding().storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return binding().storage.getStore();
}

export function currentHost(): SdkHost {
  const host = currentInvocation()?.host ?? binding().active;
  if (!host) {
    // The same failure the real SDK shows outside the Forge runtime, so the cause is recognisable.
    throw new Error('global.__forge_fetch__ is not a function (no local Forge runtime is active: create a LocalPlatform first)');
  }
  return host;
}
