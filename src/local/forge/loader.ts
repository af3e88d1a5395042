/**
 * Resolves manifest functions (`handler: <file>.<export>`) to the app's exported functions. `<file>` is looked up
 * next to the index module (default src/index.ts), as the Forge bundler resolves it under src/.
 */
import { dirname, join, resolve } from 'node:path';
import type { FunctionModule } from './manifest';

export type Handler = (...args: unknown[]) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function loadModule(path: string): Record<string, unknown> {
  // require() rather than import(): under jest it goes through the test file's module registry (so the app shares
  // the test's `@forge/*` instances), under tsx through tsx's hooks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(path);
  if (!isRecord(loaded)) throw new Error(`${path} does not export an object`);
  return loaded;
}

export function loadHandlers(functions: Iterable<FunctionModule>, indexPath: string): Map<string, Handler> {
  const index = resolve(indexPath);
  const base = dirname(index);
  const modules = new Map<string, Record<string, unknown>>();
  const handlers = new Map<string, Handler>();
  for (const fn of functions) {
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const path = file === 'index' ? index : join(base, file);
    let mod = modules.get(path);
    if (!mod) {
      mod = loadModule(path);
      modules.set(path, mod);
    }
    const handler = mod[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`manifest.yml function ${fn.key}: ${fn.handler} is not a function exported by ${path}`);
    }
    handlers.set(fn.key, handler as Handler);
  }
  return handlers;
}
