/** Map-backed stores for the Jira Cloud adapter tests: the ports' contract, nothing more. */
import type { JsonValue, KeyValueStore, SecretStore } from '../../../src/ports/store';

export function memoryStore(): KeyValueStore & SecretStore & { data: Map<string, JsonValue> } {
  const data = new Map<string, JsonValue>();
  const copy = (v: JsonValue | undefined): unknown =>
    v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
  return {
    data,
    get: (key) => Promise.resolve(copy(data.get(key))),
    set: (key, value) => Promise.resolve(void data.set(key, JSON.parse(JSON.stringify(value)) as JsonValue)),
    delete: (key) => Promise.resolve(void data.delete(key)),
    setIfAbsent: (key, value) => {
      if (data.has(key)) return Promise.resolve(false);
      data.set(key, value);
      return Promise.resolve(true);
    },
    listByPrefix: (prefix) =>
      Promise.resolve({
        entries: [...data].filter(([k]) => k.startsWith(prefix)).map(([key, value]) => ({ key, value: copy(value) })),
      }),
  };
}
