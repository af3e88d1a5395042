/**
 * Bitrix24's Standard-plan limits at their defaults (limits.md): the leaky bucket (50 before blocking, draining 2 per
 * second) and 480 s of operating time per method per 10 minutes at an assumed 0.2 s per executed command.
 */
import { DEFAULT_LIMITS } from '../../../src/local/b24/limits';
import { aPortal } from './support';

const MINUTE = 60_000;
const listBatch = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, 'tasks.task.list']));

describe('the leaky bucket at the Standard plan', () => {
  it('admits 50 requests at once, refuses the 51st with 503 QUERY_LIMIT_EXCEEDED and frees a slot every 500 ms', async () => {
    const portal = aPortal({ limits: {} });
    expect(DEFAULT_LIMITS).toMatchObject({ bucketCapacity: 50, drainPerSecond: 2 });
    for (let i = 0; i < 50; i += 1) expect((await portal.call('profile')).status).toBe(200);
    const refused = await portal.call('profile');
    expect([refused.status, (await refused.json()).error]).toEqual([503, 'QUERY_LIMIT_EXCEEDED']);
    portal.clock.advance(499);
    expect((await portal.call('profile')).status).toBe(503);
    portal.clock.advance(1);
    expect((await portal.call('profile')).status).toBe(200);
    expect((await portal.call('profile')).status).toBe(503);
  });
});

describe('operating time at 0.2 s per executed command', () => {
  it('lets a method spend 480 s (2,400 commands, batched) in 10 minutes and refuses the next with 429 OPERATION_TIME_LIMIT', async () => {
    const portal = aPortal({ limits: { bucketCapacity: 10_000 } });
    expect(DEFAULT_LIMITS).toMatchObject({ operatingSecondsPer10Min: 480, secondsPerCommand: 0.2 });
    for (let i = 0; i < 47; i += 1) {
      const reply = await portal.ok('batch', { cmd: listBatch(50) });
      expect(reply.result.result_error).toEqual([]);
    }
    const last = await portal.ok('batch', { cmd: listBatch(50) });
    expect(last.result.result_error).toEqual([]);
    const refused = await portal.call('tasks.task.list');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Method is blocked due to operation time limit',
    });
    // Inside a batch the command is refused on its own, the batch still answers 200.
    const batched = await portal.ok('batch', { cmd: { a: 'tasks.task.list', b: 'profile' } });
    expect(batched.result.result_error).toEqual({
      a: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit' },
    });
    // The block is the portal's, whoever calls ("blocked for all applications and webhooks"); other methods run on.
    expect((await portal.call('tasks.task.list', {}, { as: '3' })).status).toBe(429);
    expect((await portal.call('profile')).status).toBe(200);
  });

  it('refuses not one command early: the 2,400th runs, and the envelope reports 480 s spent', async () => {
    const portal = aPortal({ limits: { bucketCapacity: 10_000 } });
    for (let i = 0; i < 47; i += 1) await portal.ok('batch', { cmd: listBatch(50) });
    await portal.ok('batch', { cmd: listBatch(49) });
    const last = await portal.ok('tasks.task.list');
    expect(last.time.operating).toBe(480);
    expect((await portal.call('tasks.task.list')).status).toBe(429);
  });

  it('frees the method when the minute it was spent in leaves the 10-minute window, at operating_reset_at', async () => {
    const portal = aPortal({ limits: { bucketCapacity: 10_000 } });
    for (let i = 0; i < 47; i += 1) await portal.ok('batch', { cmd: listBatch(50) });
    await portal.ok('batch', { cmd: listBatch(49) });
    const last = await portal.ok('tasks.task.list');
    const resetAtMs = (last.time.operating_reset_at as number) * 1000;
    expect(resetAtMs).toBe(portal.clock.now() + 10 * MINUTE);
    portal.clock.advance(10 * MINUTE - 1);
    expect((await portal.call('tasks.task.list')).status).toBe(429);
    portal.clock.advance(1);
    expect((await portal.call('tasks.task.list')).status).toBe(200);
  });

  it('charges the batch call itself nothing and each command its own method', async () => {
    const portal = aPortal({ limits: { bucketCapacity: 10_000 } });
    await portal.ok('batch', { cmd: { a: 'tasks.task.list', b: 'tasks.task.list', c: 'profile' } });
    const list = await portal.ok('tasks.task.list');
    const profile = await portal.ok('profile');
    expect([list.time.operating, profile.time.operating]).toEqual([0.6, 0.4]);
  });
});
