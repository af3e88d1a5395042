/**
 * How Atlassian's SDK packages (`@forge/api`, `@forge/kvs`, `@forge/events`, unaliased) find the local runtime that
 * runs them. Forge binds its globals per invocation; here an AsyncLocalStorage carries the invocation (its principal
 * and time budget), and a process-wide "active host" serves calls made outside any invocation (test set-up, seed
 * hooks).
 *
 * Both live on globalThis under a registered symbol: the sandbox may load this file through more than one module
 * path (tsx, jest registries), and every copy must see the same binding.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../../ports/clock';
import type { InvocationBudget } from './budget';

export interface Principal {
  accountId: string;
}

/** What `global.__forge_fetch__` receives as its first argument (see @forge/api out/api/fetch.js, @forge/kvs out/index.js). */
export interface ProxyTarget {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

/** What the SDK packages reach through the globals the local runtime installs (./globals.ts). */
export interface SdkHost {
  /** `global.__forge_fetch__`: product REST, KVS, async events, and the GraphQL gateway the SDK calls. */
  forgeFetch(target: ProxyTarget, path: string, init: RequestInit | undefined): Promise<Response>;
  /** The runtime's global `fetch` inside an invocation: egress-checked, to the registered services. */
  fetch(url: string, init: RequestInit | undefined): Promise<Response>;
  /** `global.__forge_runtime__` for this invocation (or for calls outside any invocation). */
  runtimeGlobal(invocation: Invocation | undefined): object;
  /** The platform's simulated time, which the app reads as its own (src/entry/clock.ts). */
  readonly clock: Clock;
}

export interface Invocation {
  host: SdkHost;
  functionKey: string;
  principal?: Principal;
  /** Simulated runtime of this invocation; absent for set-up calls, which no Forge limit covers. */
  budget?: InvocationBudget;
  /** The module that invoked the function, as `getAppContext().moduleKey` reports it. */
  moduleKey?: string;
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

export function activeHost(): SdkHost | undefined {
  return currentInvocation()?.host ?? binding().active;
}
