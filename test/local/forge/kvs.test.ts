import { ForgeKvsAPIError, kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { buildRuntime } from './harness';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('@forge/kvs on the local runtime', () => {
  it('stores JSON values and hands back copies, as over the wire', async () => {
    buildRuntime();
    const value = { a: [1, 2], nested: { b: 'x' } };
    await kvs.set('link:b24:42', value);
    value.nested.b = 'changed after set';

    const read = await kvs.get<typeof value>('link:b24:42');
    expect(read).toEqual({ a: [1, 2], nested: { b: 'x' } });
    if (read) read.a.push(3);
    expect(await kvs.get('link:b24:42')).toEqual({ a: [1, 2], nested: { b: 'x' } });
    expect(await kvs.get('missing')).toBeUndefined();
  });

  it('enforces the key pattern and length with the service error codes', async () => {
    buildRuntime();
    expect(await codeOf(kvs.set('has/slash', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.set('   ', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.set('k'.repeat(501), 1))).toBe('KEY_TOO_LONG');
    expect(await codeOf(kvs.set('', 1))).toBe('KEY_TOO_SHORT');
    expect(await codeOf(kvs.set('ok:key_1.2-3 #x', 1))).toBe('no error');
    expect(await codeOf(kvs.set('k'.repeat(500), 1))).toBe('no error');
  });

  it('refuses values over 240 KiB of JSON', async () => {
    buildRuntime();
    const limit = 240 * 1024;
    expect(await codeOf(kvs.set('big', 'x'.repeat(limit - 2)))).toBe('no error');
    expect(await codeOf(kvs.set('big', 'x'.repeat(limit - 1)))).toBe('MAX_SIZE');
  });

  it('keeps secrets apart from plain values', async () => {
    buildRuntime();
    await kvs.setSecret('b24:webhook', 'https://sandbox.bitrix24.com/rest/1/secret/');
    await kvs.set('b24:webhook', 'plain');

    expect(await kvs.getSecret('b24:webhook')).toBe('https://sandbox.bitrix24.com/rest/1/secret/');
    expect(await kvs.get('b24:webhook')).toBe('plain');
    const listed = await kvs.query().where('key', WhereConditions.beginsWith('b24')).getMany();
    expect(listed.results).toEqual([{ key: 'b24:webhook', value: 'plain' }]);

    await kvs.deleteSecret('b24:webhook');
    expect(await kvs.getSecret('b24:webhook')).toBeUndefined();
    expect(await kvs.get('b24:webhook')).toBe('plain');
  });

  it('expires a value after its TTL on the platform clock', async () => {
    const h = buildRuntime();
    await kvs.set('journal:DEMO:1', { n: 1 }, { ttl: { value: 2, unit: 'HOURS' } });
    const meta = await kvs.get('journal:DEMO:1', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(meta?.expireTime).toBe(new Date(h.clock.now() + 2 * 3_600_000).toISOString());

    h.clock.advance(2 * 3_600_000 - 1);
    expect(await kvs.get('journal:DEMO:1')).toEqual({ n: 1 });
    h.clock.advance(1);
    expect(await kvs.get('journal:DEMO:1')).toBeUndefined();
  });

  it('fails a FAIL_IF_EXISTS write to an existing key with KEY_CONFLICT', async () => {
    buildRuntime();
    await kvs.set('intent:jira:1', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });

    expect(await codeOf(kvs.set('intent:jira:1', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }))).toBe('KEY_CONFLICT');
    expect(await kvs.get('intent:jira:1')).toBe('first');
  });

  it('returns the previous or latest value when asked', async () => {
    buildRuntime();
    await kvs.set('v', 1);
    const previous = await kvs.set('v', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    const latest = await kvs.set('v', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' });
    expect(previous).toEqual({ key: 'v', value: 1 });
    expect(latest).toEqual({ key: 'v', value: 3 });
  });

  it('pages a key-prefix query with limit and cursor', async () => {
    buildRuntime();
    for (const n of [1, 2, 3, 4, 5]) await kvs.set(`link:jira:${n}`, n);
    await kvs.set('other', 0);

    const first = await kvs.query().where('key', WhereConditions.beginsWith('link:jira:')).limit(2).getMany<number>();
    const second = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('link:jira:'))
      .limit(2)
      .cursor(first.nextCursor ?? '')
      .getMany<number>();
    const last = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('link:jira:'))
      .limit(2)
      .cursor(second.nextCursor ?? '')
      .getMany<number>();

    expect([first, second, last].map((page) => page.results.map((r) => r.value))).toEqual([[1, 2], [3, 4], [5]]);
    expect(last.nextCursor).toBeUndefined();
    await expect(kvs.query().limit(101).getMany()).rejects.toBeInstanceOf(ForgeKvsAPIError);
  });

  it('batches at most 25 items and reports per-key failures', async () => {
    buildRuntime();
    const result = await kvs.batchSet([
      { key: 'a', value: 1 },
      { key: 'bad/key', value: 2 },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'a' }]);
    expect(result.failedKeys).toEqual([{ key: 'bad/key', error: expect.objectContaining({ code: 'INVALID_KEY' }) }]);

    const got = await kvs.batchGet([{ key: 'a' }, { key: 'b' }]);
    expect(got.successfulKeys.map((r) => [r.key, r.value])).toEqual([['a', 1]]);

    const tooMany = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    await expect(kvs.batchSet(tooMany)).rejects.toBeInstanceOf(ForgeKvsAPIError);
    await kvs.batchDelete([{ key: 'a' }]);
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('applies a transaction all or nothing', async () => {
    buildRuntime();
    await kvs.set('taken', 'x');
    await expect(
      kvs.transact().set('link:b24:1', 'DEMO-1').set('taken', 'y', undefined, undefined).delete('other').execute(),
    ).resolves.toBeUndefined();
    expect(await kvs.get('link:b24:1')).toBe('DEMO-1');

    await expect(kvs.transact().set('link:b24:2', 'DEMO-2').set('bad/key', 1).execute()).rejects.toBeInstanceOf(
      ForgeKvsAPIError,
    );
    expect(await kvs.get('link:b24:2')).toBeUndefined();
  });
});
