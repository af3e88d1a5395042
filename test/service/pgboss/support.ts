import type { Logger } from '../../../src/ports/log';
import type { JsonValue, KeyValueStore } from '../../../src/ports/store';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

export const silentLog: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};

/** Just enough of the key-value port for the link store. */
export function memoryKv(): KeyValueStore {
  const data = new Map<string, JsonValue>();
  return {
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => (data.set(key, value), Promise.resolve()),
    delete: (key) => (data.delete(key), Promise.resolve()),
    setIfAbsent: (key, value) => Promise.resolve(data.has(key) ? false : (data.set(key, value), true)),
    listByPrefix: (prefix) =>
      Promise.resolve({
        entries: [...data].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => ({ key, value })),
      }),
  };
}
