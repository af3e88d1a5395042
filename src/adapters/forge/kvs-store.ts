/**
 * KeyValueStore and SecretStore over Forge KVS (`@forge/kvs`). The client is passed in (defaulting to the real
 * one) so the adapter is tested with a fake and the local runtime can substitute its own.
 */
import { WhereConditions, kvs } from '@forge/kvs';
import { errorMessage, PermanentError, RetryableError } from '../../core/errors';
import type { JsonValue, KeyValueStore, SecretStore, SetOptions } from '../../ports/store';

type Ttl = { value: number; unit: 'SECONDS' };
type KvsSetOptions = { ttl?: Ttl; keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS' };

/** The slice of `@forge/kvs` this adapter uses. */
export interface KvsClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: JsonValue, options?: KvsSetOptions): Promise<unknown>;
  delete(key: string): Promise<void>;
  getSecret(key: string): Promise<unknown>;
  setSecret(key: string, value: JsonValue): Promise<void>;
  deleteSecret(key: string): Promise<void>;
  listByPrefix(
    prefix: string,
    limit: number,
    cursor?: string,
  ): Promise<{ results: { key: string; value: unknown }[]; nextCursor?: string }>;
}

/** Forge KVS rejects a TTL above one year. */
const MAX_TTL_SECONDS = 365 * 24 * 3600;
const MAX_PAGE = 100;

const ttlOf = (options?: SetOptions): { ttl?: Ttl } =>
  options?.ttlSeconds === undefined
    ? {}
    : { ttl: { value: Math.min(Math.max(1, Math.ceil(options.ttlSeconds)), MAX_TTL_SECONDS), unit: 'SECONDS' } };

const statusOf = (e: unknown): number | undefined => {
  if (typeof e !== 'object' || e === null || !('responseDetails' in e)) return undefined;
  const details = e.responseDetails;
  return typeof details === 'object' && details !== null && 'status' in details && typeof details.status === 'number'
    ? details.status
    : undefined;
};

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;

const isKeyConflict = (e: unknown): boolean => statusOf(e) === 409 || codeOf(e) === 'KEY_CONFLICT';

const translate = (what: string, e: unknown): Error => {
  const status = statusOf(e);
  const code = `kvs:${codeOf(e) ?? status ?? 'error'}`;
  const message = `Forge storage ${what} failed: ${errorMessage(e)}`;
  if (status === 429) return new RetryableError('rate-limited', message, { code, cause: e });
  if (status === undefined || status >= 500) return new RetryableError('server-error', message, { code, cause: e });
  return new PermanentError('invalid-request', message, { code, cause: e });
};

const guarded = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (e) {
    throw translate(what, e);
  }
};

export const createKeyValueStore = (client: KvsClient = forgeKvsClient()): KeyValueStore => ({
  get: (key) => guarded('get', () => client.get(key)),
  set: (key, value, options) => guarded('set', async () => void (await client.set(key, value, ttlOf(options)))),
  delete: (key) => guarded('delete', () => client.delete(key)),
  async setIfAbsent(key, value, options) {
    try {
      await client.set(key, value, { ...ttlOf(options), keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (e) {
      if (isKeyConflict(e)) return false;
      throw translate('setIfAbsent', e);
    }
  },
  async listByPrefix(prefix, options = {}) {
    const limit = Math.min(Math.max(1, options.limit ?? MAX_PAGE), MAX_PAGE);
    const page = await guarded('query', () => client.listByPrefix(prefix, limit, options.cursor));
    const entries = page.results.map(({ key, value }) => ({ key, value }));
    return page.nextCursor === undefined ? { entries } : { entries, cursor: page.nextCursor };
  },
});

export const createSecretStore = (client: KvsClient = forgeKvsClient()): SecretStore => ({
  get: (key) => guarded('getSecret', () => client.getSecret(key)),
  set: (key, value) => guarded('setSecret', () => client.setSecret(key, value)),
  delete: (key) => guarded('deleteSecret', () => client.deleteSecret(key)),
});

/**
 * The real `@forge/kvs`, reduced to KvsClient. The instance is a parameter so the storage conformance suite can
 * run this adapter and the SDK over the local KVS service without the Forge globals.
 */
export const forgeKvsClient = (store: typeof kvs = kvs): KvsClient => ({
  get: (key) => store.get<unknown>(key),
  set: (key, value, options) =>
    options?.keyPolicy === undefined
      ? store.set(key, value, options)
      : store.set(key, value, { ...options, keyPolicy: options.keyPolicy }),
  delete: (key) => store.delete(key),
  getSecret: (key) => store.getSecret<unknown>(key),
  setSecret: (key, value) => store.setSecret(key, value),
  deleteSecret: (key) => store.deleteSecret(key),
  async listByPrefix(prefix, limit, cursor) {
    let query = store.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    return page.nextCursor === undefined
      ? { results: page.results }
      : { results: page.results, nextCursor: page.nextCursor };
  },
});
