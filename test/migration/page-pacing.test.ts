/** The migration's pacer: each quota is a window, and the next page starts when the quota it uses can take it. */
import { paceAfterPage, type PageSpend } from '../../src/app/migration/page-pacing';
import type { JsonValue, KeyValueStore } from '../../src/ports/store';

function memoryKv(): KeyValueStore {
  const data = new Map<string, JsonValue>();
  return {
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
  } as KeyValueStore;
}

const updates = (n: number): PageSpend => ({
  b24Commands: { 'tasks.task.update': n },
  b24Requests: 0,
  jiraPoints: 0,
  events: 0,
});
const usesUpdates = (r: string): boolean => r === 'b24:tasks.task.update';

describe('migration pacing', () => {
  it('runs pages of 500 tasks.task.update at once until 480 s of operating time, then waits for the window', async () => {
    const kv = memoryKv();
    const delays: number[] = [];
    // 500 commands × 0.2 s = 100 s: four pages fit in 480 s, the fifth must wait until the first leaves the window.
    for (let i = 0; i < 4; i += 1) delays.push(await paceAfterPage(kv, 'DEMO', 0, updates(500), usesUpdates));
    expect(delays).toEqual([0, 0, 0, 600]);
  });

  it('does not hold back a page that uses another method', async () => {
    const kv = memoryKv();
    for (let i = 0; i < 3; i += 1) await paceAfterPage(kv, 'DEMO', 0, updates(500), usesUpdates);
    expect(await paceAfterPage(kv, 'DEMO', 0, updates(500), (r) => r === 'b24:tasks.task.add')).toBe(0);
  });

  it('paces the events the writes fire: 500 a minute through the Forge queue', async () => {
    const kv = memoryKv();
    const spend: PageSpend = { b24Commands: {}, b24Requests: 0, jiraPoints: 0, events: 500 };
    expect(await paceAfterPage(kv, 'DEMO', 10_000, spend, (r) => r === 'forge:events')).toBe(60);
  });
});
