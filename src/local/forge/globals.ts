/**
 * The globals Atlassian's SDK packages read from the Forge runtime, provided by the local one:
 * - `global.__forge_fetch__(target, path, init)`: every product, storage, queue and GraphQL call of `@forge/api`,
 *   `@forge/kvs` and `@forge/events` (read at call time);
 * - `global.__forge_runtime__`: the invocation's app context, metrics and remaining time (read at call time);
 * - the app's clock (`PLATFORM_CLOCK`, src/ports/clock.ts, read by src/entry/clock.ts): the simulated clock of the
 *   runtime running the current invocation (or the active one outside invocations), read at call time, so each
 *   invocation tells its own platform's time even when one jest file runs several platforms;
 * - the global `fetch`: `@forge/api` 8's `fetch` is the runtime's global fetch, captured when `@forge/api` loads, and
 *   Forge sends it through its egress proxy. So this must be installed before `@forge/api` is first required: jest
 *   lists this file in `setupFiles`, and the sandbox and the platform import it first.
 *
 * Importing this module installs them once per realm (jest gives each test file its own global object).
 */
import { PLATFORM_CLOCK } from '../../ports/clock';
import { activeHost, currentInvocation } from './context';

const INSTALLED = Symbol.for('bitrix24-sync.local-forge.globals');

type FetchFn = typeof globalThis.fetch;

interface ForgeGlobals {
  __forge_fetch__?: unknown;
  fetch: FetchFn;
  [INSTALLED]?: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function targetHost(input: Parameters<FetchFn>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Inside an invocation every fetch is the app's and goes through the runtime, as on Forge. Outside one (test set-up,
 * the sandbox's own HTTP, test clients calling the sandbox) only non-loopback requests go to an active runtime:
 * a Forge function can never reach localhost, and the sandbox's callers always do.
 */
function routedFetch(native: FetchFn): FetchFn {
  return function forgeRuntimeFetch(input, init) {
    const invocation = currentInvocation();
    const host = invocation?.host ?? (LOOPBACK.has(targetHost(input)) ? undefined : activeHost());
    if (!host) return native(input, init);
    if (input instanceof Request)
      return host.fetch(input.url, {
        method: input.method,
        headers: input.headers,
        body: input.body,
        duplex: 'half',
        ...init,
      } as RequestInit);
    return host.fetch(input instanceof URL ? input.href : input, init);
  };
}

/** Under plain Node/tsx: `@forge/api` loaded before the globals holds the native fetch, which would bypass egress. */
function forgeApiAlreadyLoaded(): boolean {
  try {
    return require.cache[require.resolve('@forge/api')] !== undefined;
  } catch {
    return false;
  }
}

export function installForgeGlobals(): void {
  const g = globalThis as unknown as ForgeGlobals;
  if (g[INSTALLED]) return;
  if (forgeApiAlreadyLoaded()) {
    throw new Error(
      "@forge/api was loaded before the local Forge runtime's globals: import 'src/local/forge/globals' first",
    );
  }
  g.__forge_fetch__ = (
    target: Parameters<NonNullable<ReturnType<typeof activeHost>>['forgeFetch']>[0],
    path: string,
    init?: RequestInit,
  ): Promise<Response> => {
    const host = activeHost();
    if (!host)
      return Promise.reject(
        new Error('Forge runtime not found (no local Forge runtime is active: create a LocalPlatform first)'),
      );
    return host.forgeFetch(target, path, init);
  };
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => {
      const invocation = currentInvocation();
      return (invocation?.host ?? activeHost())?.runtimeGlobal(invocation);
    },
  });
  Object.defineProperty(globalThis, PLATFORM_CLOCK, {
    configurable: true,
    get: () => activeHost()?.clock,
  });
  g.fetch = routedFetch(g.fetch);
  g[INSTALLED] = true;
}

installForgeGlobals();
