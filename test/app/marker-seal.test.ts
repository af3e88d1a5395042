/**
 * The app's issue marker is sealed with a key only the app holds: a marker a person writes, or one copied with a
 * different task id, does not verify; the key is made once, and a second first job waits instead of making another.
 */
import { isSealed, parseMarker, sealedMarker } from '../../src/app/sync/marker-seal';
import { RetryableError } from '../../src/core/errors';
import type { JsonValue, KeyValueStore, SecretStore } from '../../src/ports/store';

function stores(): {
  kv: KeyValueStore;
  secrets: SecretStore;
  clock: { now: () => number };
  secretValues: Map<string, unknown>;
} {
  const plain = new Map<string, unknown>();
  const secretValues = new Map<string, unknown>();
  const kv = {
    get: (key: string) => Promise.resolve(plain.get(key)),
    set: (key: string, value: JsonValue) => Promise.resolve(void plain.set(key, value)),
    delete: (key: string) => Promise.resolve(void plain.delete(key)),
    setIfAbsent: (key: string, value: JsonValue) =>
      Promise.resolve(plain.has(key) ? false : (plain.set(key, value), true)),
    listByPrefix: () => Promise.resolve({ entries: [] }),
  } satisfies KeyValueStore;
  const secrets = {
    get: (key: string) => Promise.resolve(secretValues.get(key)),
    set: (key: string, value: JsonValue) => Promise.resolve(void secretValues.set(key, value)),
    delete: (key: string) => Promise.resolve(void secretValues.delete(key)),
  } satisfies SecretStore;
  return { kv, secrets, clock: { now: () => 1_000 }, secretValues };
}

describe('the issue marker seal', () => {
  it("verifies the app's own marker and nothing a person could write", async () => {
    const deps = stores();
    const marker = await sealedMarker(deps, '42');
    expect(await isSealed(deps, marker)).toBe(true);
    expect(await isSealed(deps, { taskId: '42' })).toBe(false);
    expect(await isSealed(deps, { taskId: '43', seal: marker.seal })).toBe(false);
    const tampered = `${marker.seal.startsWith('A') ? 'B' : 'A'}${marker.seal.slice(1)}`;
    expect(await isSealed(deps, { taskId: '42', seal: tampered })).toBe(false);
  });

  it('is keyed per installation: another key does not verify it', async () => {
    const marker = await sealedMarker(stores(), '42');
    expect(await isSealed(stores(), marker)).toBe(false);
  });

  it('makes its key once; a job that finds the key being made waits for it', async () => {
    const first = stores();
    const second = { ...stores(), kv: first.kv };
    await sealedMarker(first, '1');
    // The second job shares the plain storage (the claim) but its secret store has no key: it must not make one.
    await expect(sealedMarker(second, '1')).rejects.toBeInstanceOf(RetryableError);
    expect(second.secretValues.size).toBe(0);
  });

  it('reads only what the app writes: a task id and an optional seal', () => {
    expect(parseMarker({ taskId: '7', seal: 'x' })).toEqual({ taskId: '7', seal: 'x' });
    expect(parseMarker({ taskId: '7' })).toEqual({ taskId: '7' });
    expect(parseMarker({ taskId: 7 })).toBeNull();
    expect(parseMarker({ taskId: '7 OR 1=1' })).toBeNull();
    expect(parseMarker('7')).toBeNull();
  });
});
