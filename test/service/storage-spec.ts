/**
 * What the app expects of a KeyValueStore, as one specification run on every engine (storage-targets.ts).
 * Engine-specific expectations (any text in keys, concurrency on real connections) are gated by the target's
 * capabilities, never skipped silently: a gated case is not defined at all for that target.
 */
import type { KeyValueStore } from '../../src/ports/store';
import type { OpenedStorage, StorageTarget } from './storage-targets';

export async function listAll(kv: KeyValueStore, prefix: string, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.listByPrefix(prefix, cursor === undefined ? { limit } : { limit, cursor });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    keys.push(...page.entries.map((e) => e.key));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return keys;
}

export function keyValueStoreSpec(target: StorageTarget): void {
  let storage: OpenedStorage;
  let kv: KeyValueStore;
  beforeAll(async () => {
    storage = await target.open();
    kv = storage.kv;
  });
  beforeEach(() => storage.reset());
  afterAll(() => storage.close());

  describe('reads and writes', () => {
    it('answers undefined for a key never written', async () => {
      await expect(kv.get('never:written')).resolves.toBeUndefined();
    });

    it('returns what was written, as a fresh copy each time', async () => {
      await kv.set('pair:1', { b24: 17, jira: 'KAN-1', tags: ['a', 'b'], nested: { on: true, none: null } });
      const first = (await kv.get('pair:1')) as { tags: string[] };
      first.tags.push('mutated');
      await expect(kv.get('pair:1')).resolves.toEqual({
        b24: 17,
        jira: 'KAN-1',
        tags: ['a', 'b'],
        nested: { on: true, none: null },
      });
    });

    it('keeps scalars, strings with escapes and the order of object keys', async () => {
      await kv.set('scalar:n', 3.25);
      await kv.set('scalar:s', 'quote " backslash \\ newline \n tab \t emoji 😀 cyrillic Жира');
      await kv.set('scalar:f', false);
      await kv.set('scalar:null', null);
      await kv.set('order', { zeta: 1, alpha: 2, mid: 3 });
      await expect(kv.get('scalar:n')).resolves.toBe(3.25);
      await expect(kv.get('scalar:s')).resolves.toBe('quote " backslash \\ newline \n tab \t emoji 😀 cyrillic Жира');
      await expect(kv.get('scalar:f')).resolves.toBe(false);
      await expect(kv.get('scalar:null')).resolves.toBeNull();
      expect(Object.keys((await kv.get('order')) as object)).toEqual(['zeta', 'alpha', 'mid']);
    });

    it('overwrites on set and forgets on delete; deleting a missing key is no error', async () => {
      await kv.set('k', 1);
      await kv.set('k', { v: 2 });
      await expect(kv.get('k')).resolves.toEqual({ v: 2 });
      await kv.delete('k');
      await expect(kv.get('k')).resolves.toBeUndefined();
      await expect(kv.delete('k')).resolves.toBeUndefined();
    });

    it('leaves out object properties that are undefined, as JSON does', async () => {
      await kv.set('optional', { kept: 1, dropped: undefined } as unknown as { kept: number });
      await expect(kv.get('optional')).resolves.toStrictEqual({ kept: 1 });
    });
  });

  describe('setIfAbsent', () => {
    it('writes only when the key does not exist, and says which happened', async () => {
      await expect(kv.setIfAbsent('lock:pair-1', { owner: 'a' })).resolves.toBe(true);
      await expect(kv.setIfAbsent('lock:pair-1', { owner: 'b' })).resolves.toBe(false);
      await expect(kv.get('lock:pair-1')).resolves.toEqual({ owner: 'a' });
    });

    it('counts an expired entry as absent', async () => {
      await kv.setIfAbsent('lock:ttl', 'first', { ttlSeconds: 60 });
      storage.clock.advance(61_000);
      await expect(kv.setIfAbsent('lock:ttl', 'second', { ttlSeconds: 60 })).resolves.toBe(true);
      await expect(kv.get('lock:ttl')).resolves.toBe('second');
    });
  });

  describe('time to live', () => {
    it('expires an entry after its time to live, on the injected clock', async () => {
      await kv.set('intent:1', 'x', { ttlSeconds: 30 });
      storage.clock.advance(29_000);
      await expect(kv.get('intent:1')).resolves.toBe('x');
      storage.clock.advance(2_000);
      await expect(kv.get('intent:1')).resolves.toBeUndefined();
      expect((await kv.listByPrefix('intent:')).entries).toEqual([]);
    });

    it('clears the expiry when the key is written again without one', async () => {
      await kv.set('intent:2', 'short', { ttlSeconds: 5 });
      await kv.set('intent:2', 'forever');
      storage.clock.advance(3600_000);
      await expect(kv.get('intent:2')).resolves.toBe('forever');
    });
  });

  describe('listByPrefix', () => {
    it('lists only keys with the prefix, in key order, with their values', async () => {
      for (const key of ['journal:003', 'journal:001', 'journalX', 'jour', 'journal:002', 'other:1'])
        await kv.set(key, key.length);
      const page = await kv.listByPrefix('journal:');
      expect(page.entries).toEqual([
        { key: 'journal:001', value: 11 },
        { key: 'journal:002', value: 11 },
        { key: 'journal:003', value: 11 },
      ]);
      expect(page.cursor).toBeUndefined();
    });

    it('pages through every key exactly once and ends without a cursor', async () => {
      const keys = Array.from({ length: 23 }, (_, i) => `link:${String(i).padStart(3, '0')}`);
      for (const key of [...keys].reverse()) await kv.set(key, { key });
      await kv.set('linka', 'not in the prefix');
      await expect(listAll(kv, 'link:', 5)).resolves.toEqual(keys);
      await expect(listAll(kv, 'link:', 23)).resolves.toEqual(keys);
    });

    it('sees a write or a delete in the very next listing', async () => {
      await kv.set('cfg:a', 1);
      expect((await kv.listByPrefix('cfg:')).entries.map((e) => e.key)).toEqual(['cfg:a']);
      await kv.set('cfg:b', 2);
      await kv.delete('cfg:a');
      expect((await kv.listByPrefix('cfg:')).entries).toEqual([{ key: 'cfg:b', value: 2 }]);
    });

    it('answers an empty page for a prefix nothing starts with', async () => {
      await kv.set('a:1', 1);
      await expect(kv.listByPrefix('zzz:')).resolves.toEqual({ entries: [] });
    });
  });

  describe('secrets', () => {
    it('gives back what was stored, and nothing once deleted', async () => {
      await expect(storage.secrets.get('jira-credentials')).resolves.toBeUndefined();
      await storage.secrets.set('jira-credentials', { email: 'bot@example.com', apiToken: 'ATATT3x…' });
      await storage.secrets.set('b24-credentials', 'https://portal.example/rest/1/abc/');
      await expect(storage.secrets.get('jira-credentials')).resolves.toEqual({
        email: 'bot@example.com',
        apiToken: 'ATATT3x…',
      });
      await storage.secrets.delete('jira-credentials');
      await expect(storage.secrets.get('jira-credentials')).resolves.toBeUndefined();
      await expect(storage.secrets.get('b24-credentials')).resolves.toBe('https://portal.example/rest/1/abc/');
    });

    it('keeps secrets apart from plain data: neither a read nor a listing of the key-value store sees them', async () => {
      await storage.secrets.set('jira-credentials', 'token');
      await expect(kv.get('jira-credentials')).resolves.toBeUndefined();
      expect((await kv.listByPrefix('jira')).entries).toEqual([]);
    });
  });
}
