/**
 * The Forge KVS service's wire protocol (`POST /api/v1/...` with JSON bodies), answered from a KvsStore. The real
 * `@forge/kvs` client (KvsImpl + StorageApi) talks to it unchanged, so option handling, query and transaction
 * builders, and error parsing are the SDK's own; only the service is emulated. Custom entities are not emulated:
 * the app does not use them, and a call answers 400 so nobody relies on it by accident. The bodies and replies on
 * the wire are kvs-wire.ts; this file is what each operation does to the store.
 */
import { z } from 'zod';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { checkKey, MAX_BATCH, type KvsStore, type Space } from './kvs-store';
import {
  batchKeyBody,
  batchSetBody,
  entryBody,
  errorBody,
  fail,
  json,
  keyBody,
  queryBody,
  setBody,
  transactionBody,
} from './kvs-wire';

const MAX_QUERY_LIMIT = 100;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

export class KvsService {
  constructor(private readonly store: KvsStore) {}

  /** The transport the SDK's StorageApi calls (`apiClient(path, {method, body, headers})`). */
  readonly client = (path: string, init?: { body?: unknown }): Promise<Response> => {
    try {
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      return Promise.resolve(this.route(path, body));
    } catch (error) {
      if (error instanceof ForgeKvsAPIError)
        return Promise.resolve(fail(error.responseDetails.status, error.code, error.message));
      if (error instanceof z.ZodError) return Promise.resolve(fail(400, 'BAD_REQUEST', error.message));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  private route(path: string, body: unknown): Response {
    const secret = path.startsWith('/api/v1/secret/');
    const space: Space = secret ? 'secret' : 'plain';
    const op = path.replace('/api/v1/secret/', '/api/v1/').replace('/api/v1/', '');
    if (op.startsWith('entity/'))
      return fail(400, 'UNSUPPORTED', 'Custom entities are not emulated by the local platform.');
    switch (op) {
      case 'get':
        return this.get(space, keyBody.parse(body).key);
      case 'set':
        return this.set(space, setBody.parse(body));
      case 'delete':
        this.store.remove(space, checkKey(keyBody.parse(body).key));
        return new Response(null, { status: 204 });
      case 'query':
        return this.query(queryBody.parse(body));
      case 'batch/set':
        return this.batchSet(batchSetBody.parse(body));
      case 'batch/get':
        return this.batchGet(batchKeyBody.parse(body));
      case 'batch/delete':
        return this.batchDelete(batchKeyBody.parse(body));
      case 'transaction':
        return this.transact(transactionBody.parse(body));
      default:
        return fail(404, 'NOT_FOUND', `No KVS operation at ${path}`);
    }
  }

  private get(space: Space, key: string): Response {
    const entry = this.store.read(space, checkKey(key));
    return entry ? json(200, entryBody(key, entry)) : fail(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
  }

  private set(space: Space, req: z.infer<typeof setBody>): Response {
    const { previous, latest } = this.store.write(space, req.key, req.value, {
      ttl: req.options?.ttl,
      failIfExists: req.options?.keyPolicy === 'FAIL_IF_EXISTS',
    });
    const wanted = req.options?.returnValue;
    if (wanted === 'LATEST') return json(200, entryBody(req.key, latest));
    if (wanted === 'PREVIOUS')
      return previous ? json(200, entryBody(req.key, previous)) : new Response(null, { status: 200 });
    return new Response(null, { status: 204 });
  }

  /** Strongly consistent here; Forge's query is eventually consistent, so the app must not rely on it on hot paths. */
  private query(req: z.infer<typeof queryBody>): Response {
    const limit = req.limit ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT)
      return fail(400, 'INVALID_LIMIT', `limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    const prefix = String(req.where?.[0]?.values[0] ?? '');
    const after = req.after === undefined ? undefined : Buffer.from(req.after, 'base64url').toString('utf8');
    const keys = this.store.keys('plain').filter((k) => k.startsWith(prefix) && (after === undefined || k > after));
    const page = keys.slice(0, limit);
    const data = page.flatMap((k) => {
      const entry = this.store.read('plain', k);
      return entry
        ? [
            {
              key: k,
              value: JSON.parse(entry.json) as unknown,
              ...(entry.expireAt !== undefined ? { expireTime: new Date(entry.expireAt).toISOString() } : {}),
            },
          ]
        : [];
    });
    const last = page[page.length - 1];
    const cursor =
      keys.length > limit && last !== undefined ? Buffer.from(last, 'utf8').toString('base64url') : undefined;
    return json(200, { data, ...(cursor ? { cursor } : {}) });
  }

  private batchSet(items: z.infer<typeof batchSetBody>): Response {
    if (items.length > MAX_BATCH) return fail(400, 'TOO_MANY_ITEMS', `A batch holds at most ${MAX_BATCH} items.`);
    return json(
      200,
      this.eachItem(items, (item) =>
        this.store.write('plain', item.key, item.value, {
          ttl: item.options?.ttl,
          failIfExists: item.options?.keyPolicy === 'FAIL_IF_EXISTS',
        }),
      ),
    );
  }

  private batchDelete(items: z.infer<typeof batchKeyBody>): Response {
    if (items.length > MAX_BATCH) return fail(400, 'TOO_MANY_ITEMS', `A batch holds at most ${MAX_BATCH} items.`);
    return json(
      200,
      this.eachItem(items, (item) => this.store.remove('plain', item.key)),
    );
  }

  private batchGet(items: z.infer<typeof batchKeyBody>): Response {
    if (items.length > MAX_BATCH) return fail(400, 'TOO_MANY_ITEMS', `A batch holds at most ${MAX_BATCH} items.`);
    const found: Record<string, unknown>[] = [];
    const failed: { key: string; error: { code: string; message: string } }[] = [];
    for (const item of items) {
      try {
        const entry = this.store.read('plain', checkKey(item.key));
        // Undocumented: how the service reports a missing key in a batch. Listing it as failed is the stricter guess.
        if (entry) found.push(entryBody(item.key, entry));
        else
          failed.push({
            key: item.key,
            error: { code: 'KEY_NOT_FOUND', message: 'The specified key does not exist.' },
          });
      } catch (error) {
        failed.push({ key: item.key, error: errorBody(error) });
      }
    }
    return json(200, { successfulKeys: found, failedKeys: failed });
  }

  private eachItem<T extends { key: string; entityName?: string }>(items: T[], apply: (item: T) => unknown) {
    const successfulKeys: { key: string }[] = [];
    const failedKeys: { key: string; error: { code: string; message: string } }[] = [];
    for (const item of items) {
      try {
        if (item.entityName !== undefined)
          throw new ForgeKvsAPIError(
            { status: 400, statusText: 'Bad Request' },
            { code: 'UNSUPPORTED', message: 'Custom entities are not emulated.' },
          );
        apply(item);
        successfulKeys.push({ key: item.key });
      } catch (error) {
        failedKeys.push({ key: item.key, error: errorBody(error) });
      }
    }
    return { successfulKeys, failedKeys };
  }

  /** All or nothing: every operation is validated before any is applied. */
  private transact(req: z.infer<typeof transactionBody>): Response {
    const sets = req.set ?? [];
    const deletes = req.delete ?? [];
    if (sets.length + deletes.length + (req.check?.length ?? 0) > MAX_BATCH)
      return fail(400, 'TOO_MANY_OPERATIONS', 'A transaction holds at most 25 operations.');
    if (
      (req.check?.length ?? 0) > 0 ||
      [...sets, ...deletes].some((op) => op.entityName !== undefined || op.conditions !== undefined)
    ) {
      return fail(400, 'UNSUPPORTED', 'Conditions and custom entities are not emulated.');
    }
    if (Buffer.byteLength(JSON.stringify(req)) > MAX_TRANSACTION_BYTES)
      return fail(400, 'MAX_SIZE', 'A transaction carries at most 4 MB.');
    const keys = [...sets, ...deletes].map((op) => checkKey(op.key));
    if (new Set(keys).size !== keys.length) return fail(400, 'DUPLICATE_KEY', 'A key may appear once per transaction.');
    const undo = this.store.snapshot();
    try {
      for (const op of sets)
        this.store.write('plain', op.key, op.value, {
          ttl: op.options?.ttl,
          failIfExists: op.options?.keyPolicy === 'FAIL_IF_EXISTS',
        });
      for (const op of deletes) this.store.remove('plain', op.key);
    } catch (error) {
      this.store.restore(undo);
      throw error;
    }
    return new Response(null, { status: 204 });
  }
}
