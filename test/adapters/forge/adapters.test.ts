import { createKeyValueStore, createSecretStore, type KvsClient } from '../../../src/adapters/forge/kvs-store';
import { createConsoleLogger, REDACTED } from '../../../src/adapters/log/json-logger';
import {
  MAX_BYTES_PER_PUSH,
  MAX_EVENTS_PER_PUSH,
  chunkEvents,
  createJobQueue,
} from '../../../src/adapters/forge/queue';
import { getWebTriggerUrl } from '../../../src/adapters/forge/webtrigger-url';
import type { JsonValue } from '../../../src/ports/store';

/** An in-memory KVS that answers FAIL_IF_EXISTS conflicts the way Forge does (409 KEY_CONFLICT). */
const memoryKvs = () => {
  const data = new Map<string, JsonValue>();
  const secrets = new Map<string, JsonValue>();
  const setCalls: unknown[] = [];
  const client: KvsClient = {
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value, options) => {
      setCalls.push(options);
      if (options?.keyPolicy === 'FAIL_IF_EXISTS' && data.has(key)) {
        return Promise.reject(
          Object.assign(new Error('Key exists'), { code: 'KEY_CONFLICT', responseDetails: { status: 409 } }),
        );
      }
      data.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => Promise.resolve(void data.delete(key)),
    getSecret: (key) => Promise.resolve(secrets.get(key)),
    setSecret: (key, value) => Promise.resolve(void secrets.set(key, value)),
    deleteSecret: (key) => Promise.resolve(void secrets.delete(key)),
    listByPrefix: (prefix, limit, cursor) => {
      const keys = [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
      const start = cursor === undefined ? 0 : Number(cursor);
      const results = keys.slice(start, start + limit).map((key) => ({ key, value: data.get(key) }));
      return Promise.resolve(
        start + limit < keys.length ? { results, nextCursor: String(start + limit) } : { results },
      );
    },
  };
  return { client, data, secrets, setCalls };
};

describe('Forge KVS store', () => {
  it('stores values with a TTL in seconds, capped at one year', async () => {
    const kvs = memoryKvs();
    const store = createKeyValueStore(kvs.client);
    await store.set('journal:DEMO:1', { ok: true }, { ttlSeconds: 3600 });
    await store.set('journal:DEMO:2', 1, { ttlSeconds: 10 * 365 * 24 * 3600 });
    await expect(store.get('journal:DEMO:1')).resolves.toEqual({ ok: true });
    expect(kvs.setCalls).toEqual([
      { ttl: { value: 3600, unit: 'SECONDS' } },
      { ttl: { value: 365 * 24 * 3600, unit: 'SECONDS' } },
    ]);
  });

  it('setIfAbsent writes once and reports a conflict as false', async () => {
    const store = createKeyValueStore(memoryKvs().client);
    await expect(store.setIfAbsent('link:b24:1', 'a')).resolves.toBe(true);
    await expect(store.setIfAbsent('link:b24:1', 'b')).resolves.toBe(false);
    await expect(store.get('link:b24:1')).resolves.toBe('a');
  });

  it('lists by prefix page by page', async () => {
    const store = createKeyValueStore(memoryKvs().client);
    for (const key of ['a:1', 'a:2', 'a:3', 'b:1']) await store.set(key, key);
    const first = await store.listByPrefix('a:', { limit: 2 });
    const second = await store.listByPrefix('a:', { limit: 2, cursor: first.cursor ?? '' });
    expect([...first.entries, ...second.entries].map((e) => e.key)).toEqual(['a:1', 'a:2', 'a:3']);
    expect(second.cursor).toBeUndefined();
  });

  it('turns a storage rate limit into a retryable error and keeps secrets apart', async () => {
    const kvs = memoryKvs();
    kvs.client.get = () =>
      Promise.reject(Object.assign(new Error('Too many'), { code: 'RATE_LIMIT', responseDetails: { status: 429 } }));
    await expect(createKeyValueStore(kvs.client).get('x')).rejects.toMatchObject({
      reason: 'rate-limited',
      retryable: true,
    });
    const secrets = createSecretStore(kvs.client);
    await secrets.set('b24-credentials', { mode: 'webhook' });
    expect(kvs.secrets.get('b24-credentials')).toEqual({ mode: 'webhook' });
    expect(kvs.data.size).toBe(0);
  });
});

describe('Forge job queue', () => {
  it('splits pushes at 50 events', async () => {
    const pushes: unknown[][] = [];
    const queue = createJobQueue({ push: (events) => Promise.resolve(void pushes.push(events)) });
    await queue.push(
      Array.from({ length: 120 }, (_, i) => ({ taskId: String(i) })),
      { delaySeconds: 5 },
    );
    expect(pushes.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pushes[0]?.[0]).toEqual({ body: { taskId: '0' }, delayInSeconds: 5 });
  });

  it('splits pushes so that none exceeds 200 KB of JSON, keeping order', () => {
    const big = 'x'.repeat(60 * 1024);
    const chunks = chunkEvents(Array.from({ length: 7 }, (_, i) => ({ body: { i, big } })));
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 1]);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(MAX_EVENTS_PER_PUSH);
      expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(MAX_BYTES_PER_PUSH);
    }
    expect(chunks.flat().map((e) => e.body.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a single job above the push limit, and caps the delay at 900 s', async () => {
    const pushes: unknown[][] = [];
    const queue = createJobQueue({ push: (events) => Promise.resolve(void pushes.push(events)) });
    await expect(queue.push([{ big: 'x'.repeat(MAX_BYTES_PER_PUSH) }])).rejects.toMatchObject({ reason: 'validation' });
    await queue.push([{ a: 1 }], { delaySeconds: 5000 });
    expect(pushes).toEqual([[{ body: { a: 1 }, delayInSeconds: 900 }]]);
  });
});

describe('Console logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ sink: (line) => lines.push(line), now: () => 0, minLevel: 'debug' });
    return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  };

  it('writes one JSON line per call with the level, message and fields of the child logger', () => {
    const { logger, parsed } = capture();
    logger.child({ jobId: 'j1' }).info('synced', { issueId: '10041', authorId: '503' });
    expect(parsed()).toEqual([
      {
        ts: '1970-01-01T00:00:00.000Z',
        level: 'info',
        message: 'synced',
        jobId: 'j1',
        issueId: '10041',
        authorId: '503',
      },
    ]);
  });

  it('never prints values under token, secret, password or auth keys, at any depth', () => {
    const { logger, lines, parsed } = capture();
    logger.error('refresh failed', {
      credentials: { accessToken: 'AT-1', nested: 'x' },
      b24: { refresh_token: 'RT-1', client_secret: 'CS-1', auth: { application_token: 'APP-1' }, password: 'P-1' },
      headers: { Authorization: 'Bearer BT-1' },
    });
    expect(lines.join('\n')).not.toMatch(/AT-1|RT-1|CS-1|APP-1|P-1|BT-1/);
    expect(parsed()[0]).toMatchObject({
      credentials: REDACTED,
      b24: { refresh_token: REDACTED, client_secret: REDACTED, auth: REDACTED, password: REDACTED },
    });
  });

  it('masks webhook secrets and auth query values inside strings and error messages', () => {
    const { logger, lines } = capture();
    logger.warn('call to https://p.bitrix24.com/rest/1/s3cr3tW3bh00k/tasks.task.get failed', {
      error: new Error(
        'GET https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_secret=CS-2&refresh_token=RT-2 refused',
      ),
      url: 'https://p.bitrix24.com/rest/api/1/s3cr3tW3bh00k/x?auth=AT-2',
    });
    expect(lines.join('\n')).not.toMatch(/s3cr3tW3bh00k|CS-2|RT-2|AT-2/);
  });

  it('drops lines below the minimum level and survives circular fields', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ sink: (line) => lines.push(line), now: () => 0 });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.debug('hidden');
    logger.info('shown', { circular });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[circular]');
  });
});

describe('Web trigger URL', () => {
  it('asks the platform for the module URL', async () => {
    await expect(
      getWebTriggerUrl('b24-events', (key) => Promise.resolve(`https://x.hello.atlassian-dev.net/${key}`)),
    ).resolves.toBe('https://x.hello.atlassian-dev.net/b24-events');
  });
});
