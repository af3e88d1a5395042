/**
 * The concurrent half of the storage specification: two instances racing for the same key, and a listing paged
 * through while another instance writes. On engines with one serialised connection the races still interleave
 * at every await, so the same expectations must hold there too.
 */
import type { KeyValueStore } from '../../src/ports/store';
import { listAll } from './storage-spec';
import type { OpenedStorage, StorageTarget } from './storage-targets';

const pad = (n: number): string => String(n).padStart(3, '0');

export function racesSpec(target: StorageTarget): void {
  let storage: OpenedStorage;
  let one: KeyValueStore;
  let two: KeyValueStore;
  beforeAll(async () => {
    storage = await target.open();
    one = storage.kv;
    two = await storage.twin();
  });
  beforeEach(() => storage.reset());
  afterAll(() => storage.close());

  it('lets exactly one of two instances create each key, and keeps the winner’s value', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `claim:${pad(i)}`);
    const results = await Promise.all(
      keys.map(async (key) => {
        const [a, b] = await Promise.all([one.setIfAbsent(key, { by: 'one' }), two.setIfAbsent(key, { by: 'two' })]);
        return { key, a, b };
      }),
    );
    for (const { key, a, b } of results) {
      expect([a, b].filter(Boolean)).toHaveLength(1);
      await expect(one.get(key)).resolves.toEqual({ by: a ? 'one' : 'two' });
    }
  });

  it('lists every key that exists throughout, once and in order, while another instance writes', async () => {
    const stable = Array.from({ length: 30 }, (_, i) => `w:${pad(i * 2)}`);
    const churn = Array.from({ length: 30 }, (_, i) => `w:${pad(i * 2 + 1)}`);
    for (const key of stable) await one.set(key, 'stable');
    let writing = true;
    const writer = (async () => {
      for (let round = 0; writing && round < 200; round += 1) {
        const key = churn[round % churn.length] ?? 'w:999';
        await (round % 3 === 2 ? two.delete(key) : two.set(key, round));
      }
    })();
    const listed = await listAll(one, 'w:', 4);
    writing = false;
    await writer;
    expect(listed.filter((key) => stable.includes(key))).toEqual(stable);
    expect([...listed].sort()).toEqual(listed);
    expect(new Set(listed).size).toBe(listed.length);
  });

  if (target.realConnections) {
    it('settles a race of many instances for one key on one winner', async () => {
      const handles = [one, two, await storage.twin(), await storage.twin()];
      const wins = await Promise.all(
        handles.flatMap((kv, i) => [0, 1, 2].map((j) => kv.setIfAbsent('lock:hot', `${i}.${j}`))),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  }

  if (target.anyText) {
    it('treats % _ and \\ in a prefix as the characters themselves, not as patterns', async () => {
      for (const key of ['a%b:1', 'axb:1', 'a_b:1', 'aXb:1', 'a\\b:1', 'a\\\\b:1']) await one.set(key, key);
      expect((await one.listByPrefix('a%')).entries.map((e) => e.key)).toEqual(['a%b:1']);
      expect((await one.listByPrefix('a_')).entries.map((e) => e.key)).toEqual(['a_b:1']);
      expect((await one.listByPrefix('a\\b')).entries.map((e) => e.key)).toEqual(['a\\b:1']);
    });

    it('lists prefixes in any script, including characters outside the basic plane', async () => {
      for (const key of ['Жира:1', 'Жира:2', 'Жирб:1', '😀:1', '😁:1', '\uffff:1']) await one.set(key, 1);
      expect((await one.listByPrefix('Жира:')).entries.map((e) => e.key)).toEqual(['Жира:1', 'Жира:2']);
      expect((await one.listByPrefix('😀')).entries.map((e) => e.key)).toEqual(['😀:1']);
      expect((await one.listByPrefix('\uffff')).entries.map((e) => e.key)).toEqual(['\uffff:1']);
    });
  }
}
