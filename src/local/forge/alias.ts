/**
 * Sends the app's bare `@forge/api`, `@forge/kvs` and `@forge/events` requires to the local SDK modules under
 * plain Node/tsx, whatever tsconfig the process was started with (`npm start` runs `tsx src/local/sandbox/main.ts`).
 * tsconfig.sandbox.json's `paths` does the same for `tsx --tsconfig tsconfig.sandbox.json`, jest's
 * moduleNameMapper under jest (whose own resolver ignores this hook). Deep imports (`@forge/kvs/out/...`) are not
 * touched: the local SDK is built on them.
 */
import Module from 'node:module';
import { join } from 'node:path';

const SDK_DIR = join(__dirname, 'sdk');
const ALIASES: Record<string, string> = {
  '@forge/api': join(SDK_DIR, 'api.ts'),
  '@forge/kvs': join(SDK_DIR, 'kvs.ts'),
  '@forge/events': join(SDK_DIR, 'events.ts'),
};

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const INSTALLED = Symbol.for('bitrix24-sync.local-forge.alias');

export function installForgeAliases(): void {
  const mod = Module as unknown as { _resolveFilename: Resolve; [INSTALLED]?: boolean };
  if (mod[INSTALLED]) return;
  const original = mod._resolveFilename;
  mod._resolveFilename = function resolveAliased(request, parent, isMain, options) {
    const alias = ALIASES[request];
    return original.call(this, alias ?? request, parent, isMain, options);
  };
  mod[INSTALLED] = true;
}
