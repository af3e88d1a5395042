/**
 * `window.__bridge` as @forge/bridge and @forge/react expect it inside Jira: `callBridge(cmd, data)`.
 * Answers `reconcile` (draw the ForgeDoc), `invoke` (the module's resolver through /__sandbox/invoke as the
 * chosen person, with the module's extension context; on the self-hosted service's page, through its resolver
 * route with the session's CSRF token), `getContext` and `onError`. Anything else is refused by name, so a
 * missing emulation shows up rather than hanging.
 */
import type { ForgeDoc } from './forge-doc';

export interface Boot {
  module: { kind: 'settings' | 'issue'; key: string; resolverFunction: string };
  context: { accountId: string; locale: string; extension: Record<string, unknown> } & Record<string, unknown>;
  person: { accountId: string; displayName: string; email: string };
  bundle: string;
  /** The self-hosted service's page: where resolver calls go, and the token each must carry. */
  service?: { resolveUrl: string; csrf: string };
}

export interface BridgeHooks {
  reconcile(doc: ForgeDoc): void;
  error(message: string): void;
}

async function invoke(boot: Boot, data: unknown): Promise<unknown> {
  const { functionKey, payload } = (data ?? {}) as { functionKey?: unknown; payload?: unknown };
  if (typeof functionKey !== 'string') throw new Error('invoke needs a function key');
  const response = boot.service
    ? await fetch(`${boot.service.resolveUrl}/${encodeURIComponent(functionKey)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-sync-csrf': boot.service.csrf },
        body: JSON.stringify({ payload: payload ?? {}, extension: boot.context.extension }),
      })
    : await fetch('/__sandbox/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          function: boot.module.resolverFunction,
          call: functionKey,
          payload: payload ?? {},
          accountId: boot.context.accountId,
          extension: boot.context.extension,
        }),
      });
  const body: unknown = await response.json();
  // The sandbox answers its own 4xx with { error }; a resolver's reply is passed on as Forge would.
  if (!response.ok)
    throw new Error(
      typeof body === 'object' && body !== null && 'error' in body
        ? String(body.error)
        : `invoke failed: ${response.status}`,
    );
  return body;
}

export function installBridge(boot: Boot, hooks: BridgeHooks): void {
  const callBridge = async (cmd: string, data?: unknown): Promise<unknown> => {
    switch (cmd) {
      case 'reconcile':
        hooks.reconcile((data as { forgeDoc: ForgeDoc }).forgeDoc);
        return undefined;
      case 'invoke':
        return invoke(boot, data);
      case 'getContext':
        return structuredClone(boot.context);
      case 'onError': {
        const error = (data as { error?: unknown } | undefined)?.error;
        hooks.error(error instanceof Error ? error.message : String(error));
        return undefined;
      }
      default:
        throw new Error(`The sandbox's bridge does not emulate "${cmd}" yet.`);
    }
  };
  (globalThis as unknown as { __bridge: { callBridge: typeof callBridge } }).__bridge = { callBridge };
}
