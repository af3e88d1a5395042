/**
 * Storage ports. Values are JSON; reads return `unknown` on purpose: whoever reads a key validates what it gets,
 * because stored data may come from an older version of the app.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SetOptions {
  /** Time to live in seconds (Forge KVS caps it at one year; expired data may stay readable for up to 48 h). */
  ttlSeconds?: number;
}

export interface StoredEntry {
  key: string;
  value: unknown;
}

export interface KeyValueStore {
  /** Strongly consistent; `undefined` when the key does not exist. */
  get(key: string): Promise<unknown>;
  set(key: string, value: JsonValue, options?: SetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomic create: true when this call wrote the value, false when the key already existed. */
  setIfAbsent(key: string, value: JsonValue, options?: SetOptions): Promise<boolean>;
  /**
   * Keys starting with `prefix`, one page at a time. Eventually consistent (Forge `query`): fine for admin
   * screens and the journal, never for the sync hot path.
   */
  listByPrefix(
    prefix: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<{ entries: StoredEntry[]; cursor?: string }>;
}

/** Encrypted storage for credentials; never listed, never logged. */
export interface SecretStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<void>;
}
